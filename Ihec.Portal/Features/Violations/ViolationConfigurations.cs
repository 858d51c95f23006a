using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Violations;

internal sealed class ViolationReportConfiguration : IEntityTypeConfiguration<ViolationReport>
{
    public void Configure(EntityTypeBuilder<ViolationReport> r)
    {
        r.ToTable("ViolationReports");
        r.HasIndex(x => x.Number).IsUnique();
        r.HasIndex(x => new { x.OrganisationId, x.SubmissionKey }).IsUnique();
        r.HasIndex(x => new { x.OrganisationId, x.SubmittedAt });
        r.HasIndex(x => new { x.State, x.SubmittedAt });
        r.HasIndex(x => x.Governorate);
        r.HasIndex(x => new { x.ElectionId, x.OccurredAt });
        r.Property(x => x.ReporterUserId).HasMaxLength(450);
        r.Property(x => x.ReporterName).HasMaxLength(256);
        r.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
        r.Property(x => x.Governorate).HasMaxLength(8);
        r.Property(x => x.ElectionId).HasMaxLength(64);
        r.Property(x => x.District).HasMaxLength(100);
        r.Property(x => x.PollingStationCode).HasMaxLength(20);
        r.Property(x => x.PinGovernorate).HasMaxLength(8);
        r.Property(x => x.Description).HasMaxLength(4000);
        r.Property(x => x.PeopleInvolved).HasMaxLength(1000);
        r.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.StateReason).HasMaxLength(2000);
        r.Property(x => x.AssignedToUserId).HasMaxLength(450);
        r.Property(x => x.AssignedToName).HasMaxLength(256);
        r.Property(x => x.SubmissionKey).HasMaxLength(32);
        r.Property(x => x.Version).IsConcurrencyToken();
        r.HasOne<ViolationReport>().WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        r.HasMany(x => x.Evidence).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Comments).WithOne().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ViolationEvidenceConfiguration : IEntityTypeConfiguration<ViolationEvidence>
{
    public void Configure(EntityTypeBuilder<ViolationEvidence> e)
    {
        e.ToTable("ViolationEvidence");
        e.Property(x => x.FileId).HasMaxLength(100);
        e.Property(x => x.FileKind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.FileName).HasMaxLength(260);
    }
}

internal sealed class ViolationEventConfiguration : IEntityTypeConfiguration<ViolationEvent>
{
    public void Configure(EntityTypeBuilder<ViolationEvent> e)
    {
        e.ToTable("ViolationEvents");
        e.HasIndex(x => new { x.ReportId, x.At });
        e.Property(x => x.ActorName).HasMaxLength(256);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.FromState).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ToState).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Details).HasMaxLength(2000);
    }
}

internal sealed class ViolationCommentConfiguration : IEntityTypeConfiguration<ViolationComment>
{
    public void Configure(EntityTypeBuilder<ViolationComment> c)
    {
        c.ToTable("ViolationComments");
        c.HasIndex(x => new { x.ReportId, x.CreatedAt });
        c.Property(x => x.AuthorUserId).HasMaxLength(450);
        c.Property(x => x.AuthorName).HasMaxLength(256);
        c.Property(x => x.Text).HasMaxLength(4000);
    }
}
