using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Rumours;

internal sealed class RumourCaseConfiguration : IEntityTypeConfiguration<RumourCase>
{
    public void Configure(EntityTypeBuilder<RumourCase> c)
    {
        c.ToTable("RumourCases");
        c.HasIndex(x => x.Number).IsUnique();
        c.HasIndex(x => new { x.Status, x.CreatedAt });
        c.Property(x => x.Summary).HasMaxLength(4000);
        c.Property(x => x.Language).HasMaxLength(10);
        c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Verdict).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.VerdictReason).HasMaxLength(2000);
        c.Property(x => x.AssignedToUserId).HasMaxLength(450);
        c.Property(x => x.AssignedToName).HasMaxLength(256);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.HasMany(x => x.Reports).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        c.HasMany(x => x.Notes).WithOne().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        c.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RumourReportConfiguration : IEntityTypeConfiguration<RumourReport>
{
    public void Configure(EntityTypeBuilder<RumourReport> r)
    {
        r.ToTable("RumourReports");
        r.HasIndex(x => new { x.OrganisationId, x.ReportedAt });
        r.HasIndex(x => x.SubmissionKey).IsUnique();
        r.Property(x => x.ReporterUserId).HasMaxLength(450);
        r.Property(x => x.ReporterName).HasMaxLength(256);
        r.Property(x => x.ClaimText).HasMaxLength(4000);
        r.Property(x => x.Language).HasMaxLength(10);
        r.PrimitiveCollection(x => x.Platforms);
        r.PrimitiveCollection(x => x.Links);
        r.PrimitiveCollection(x => x.Governorates);
        r.PrimitiveCollection(x => x.Targets);
        r.Property(x => x.Reach).HasConversion<string>().HasMaxLength(32);
        r.Property(x => x.SuspectedKind).HasConversion<string>().HasMaxLength(32);
        r.Property(x => x.Match).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.Details).HasMaxLength(4000);
        r.Property(x => x.SubmissionKey).HasMaxLength(32);
        r.HasMany(x => x.Screenshots).WithOne().HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RumourScreenshotConfiguration : IEntityTypeConfiguration<RumourScreenshot>
{
    public void Configure(EntityTypeBuilder<RumourScreenshot> s)
    {
        s.ToTable("RumourScreenshots");
        s.Property(x => x.FileId).HasMaxLength(100);
        s.Property(x => x.FileKind).HasConversion<string>().HasMaxLength(16);
        s.Property(x => x.FileName).HasMaxLength(260);
    }
}

internal sealed class RumourNoteConfiguration : IEntityTypeConfiguration<RumourNote>
{
    public void Configure(EntityTypeBuilder<RumourNote> n)
    {
        n.ToTable("RumourNotes");
        n.Property(x => x.AuthorName).HasMaxLength(256);
        n.Property(x => x.Text).HasMaxLength(4000);
    }
}

internal sealed class RumourEventConfiguration : IEntityTypeConfiguration<RumourEvent>
{
    public void Configure(EntityTypeBuilder<RumourEvent> e)
    {
        e.ToTable("RumourEvents");
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Details).HasMaxLength(1000);
    }
}

internal sealed class FactCheckConfiguration : IEntityTypeConfiguration<FactCheck>
{
    public void Configure(EntityTypeBuilder<FactCheck> f)
    {
        f.ToTable("FactChecks");
        f.HasIndex(x => x.Slug).IsUnique();
        f.HasIndex(x => x.CaseId).IsUnique();
        f.HasIndex(x => x.PublishedAt);
        f.Property(x => x.Slug).HasMaxLength(32);
        f.Property(x => x.Verdict).HasConversion<string>().HasMaxLength(16);
        f.Property(x => x.ClaimAr).HasMaxLength(1000);
        f.Property(x => x.ClaimCkb).HasMaxLength(1000);
        f.Property(x => x.ClaimEn).HasMaxLength(1000);
        f.Property(x => x.ResponseAr).HasMaxLength(8000);
        f.Property(x => x.ResponseCkb).HasMaxLength(8000);
        f.Property(x => x.ResponseEn).HasMaxLength(8000);
        f.PrimitiveCollection(x => x.Appearances);
        f.Property(x => x.PublishedBy).HasMaxLength(256);
        f.HasOne<RumourCase>().WithOne().HasForeignKey<FactCheck>(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
