using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Reports;

internal sealed class CsoReportConfiguration : IEntityTypeConfiguration<CsoReport>
{
    public void Configure(EntityTypeBuilder<CsoReport> r)
    {
        r.ToTable("CsoReports");
        r.Property(x => x.Slug).HasMaxLength(20);
        r.HasIndex(x => x.Slug).IsUnique();
        r.HasIndex(x => new { x.OrganisationId, x.State });
        r.HasIndex(x => new { x.State, x.Listing });
        r.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        r.Property(x => x.Title).HasMaxLength(300);
        r.Property(x => x.Summary).HasMaxLength(2000);
        r.Property(x => x.Language).HasMaxLength(10);
        r.Property(x => x.Election).HasMaxLength(32);
        r.PrimitiveCollection(x => x.Topics);
        r.PrimitiveCollection(x => x.Governorates);
        r.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.Listing).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.DeclineReason).HasMaxLength(2000);
        r.Property(x => x.WithdrawalReason).HasMaxLength(2000);
        r.Property(x => x.AuthorUserId).HasMaxLength(450);
        r.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Errata).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> v)
    {
        v.ToTable("CsoReportVersions");
        v.HasIndex(x => new { x.ReportId, x.VersionNumber }).IsUnique();
        v.Property(x => x.Title).HasMaxLength(300);
        v.Property(x => x.Summary).HasMaxLength(2000);
    }
}

internal sealed class ReportErratumConfiguration : IEntityTypeConfiguration<ReportErratum>
{
    public void Configure(EntityTypeBuilder<ReportErratum> e)
    {
        e.ToTable("CsoReportErrata");
        e.Property(x => x.Text).HasMaxLength(4000);
    }
}

internal sealed class ReportFileConfiguration : IEntityTypeConfiguration<ReportFile>
{
    public void Configure(EntityTypeBuilder<ReportFile> f)
    {
        f.ToTable("CsoReportFiles");
        f.Property(x => x.FileId).HasMaxLength(100);
        f.Property(x => x.FileKind).HasConversion<string>().HasMaxLength(16);
        f.Property(x => x.FileName).HasMaxLength(260);
    }
}
