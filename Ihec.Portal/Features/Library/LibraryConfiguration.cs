using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Library;

internal sealed class LibraryDocumentConfiguration : IEntityTypeConfiguration<LibraryDocument>
{
    public void Configure(EntityTypeBuilder<LibraryDocument> d)
    {
        d.ToTable("LibraryDocuments");
        d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        d.Property(x => x.Number).HasMaxLength(20);
        d.HasIndex(x => new { x.Kind, x.Year, x.Number }).IsUnique();
        d.HasIndex(x => new { x.IsPublished, x.Kind });
        d.Property(x => x.Election).HasMaxLength(32);
        d.PrimitiveCollection(x => x.Topics);
        d.Property(x => x.TitleAr).HasMaxLength(500);
        d.Property(x => x.TitleCkb).HasMaxLength(500);
        d.Property(x => x.TitleEn).HasMaxLength(500);
        d.Property(x => x.SummaryAr).HasMaxLength(2000);
        d.Property(x => x.SummaryCkb).HasMaxLength(2000);
        d.Property(x => x.SummaryEn).HasMaxLength(2000);
        d.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Milestones).WithOne().HasForeignKey(m => m.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LibraryVersionConfiguration : IEntityTypeConfiguration<LibraryVersion>
{
    public void Configure(EntityTypeBuilder<LibraryVersion> v)
    {
        v.ToTable("LibraryVersions");
        v.HasIndex(x => new { x.DocumentId, x.VersionNumber }).IsUnique();
        v.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        v.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        v.Property(x => x.Number).HasMaxLength(20);
        v.Property(x => x.Election).HasMaxLength(32);
        v.Property(x => x.CreatedBy).HasMaxLength(256);
        v.Property(x => x.ChangeNote).HasMaxLength(1000);
        v.PrimitiveCollection(x => x.Topics);
        v.Property(x => x.TitleAr).HasMaxLength(500);
        v.Property(x => x.TitleCkb).HasMaxLength(500);
        v.Property(x => x.TitleEn).HasMaxLength(500);
        v.Property(x => x.SummaryAr).HasMaxLength(2000);
        v.Property(x => x.SummaryCkb).HasMaxLength(2000);
        v.Property(x => x.SummaryEn).HasMaxLength(2000);
    }
}

internal sealed class LibraryAttachmentConfiguration : IEntityTypeConfiguration<LibraryAttachment>
{
    public void Configure(EntityTypeBuilder<LibraryAttachment> a)
    {
        a.ToTable("LibraryAttachments");
        a.Property(x => x.FileId).HasMaxLength(100);
        a.Property(x => x.FileKind).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.FileName).HasMaxLength(260);
        a.Property(x => x.Language).HasMaxLength(10);
    }
}

internal sealed class LibraryRelationConfiguration : IEntityTypeConfiguration<LibraryRelation>
{
    public void Configure(EntityTypeBuilder<LibraryRelation> r)
    {
        r.ToTable("LibraryRelations");
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        r.HasIndex(x => new { x.FromDocumentId, x.ToDocumentId, x.Kind }).IsUnique();
        r.HasIndex(x => x.ToDocumentId);
        r.HasOne<LibraryDocument>().WithMany().HasForeignKey(x => x.FromDocumentId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<LibraryDocument>().WithMany().HasForeignKey(x => x.ToDocumentId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class LibraryMilestoneConfiguration : IEntityTypeConfiguration<LibraryMilestone>
{
    public void Configure(EntityTypeBuilder<LibraryMilestone> m)
    {
        m.ToTable("LibraryMilestones");
        m.HasIndex(x => x.Date);
        m.Property(x => x.TitleAr).HasMaxLength(300);
        m.Property(x => x.TitleCkb).HasMaxLength(300);
        m.Property(x => x.TitleEn).HasMaxLength(300);
    }
}
