using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Organisations.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> org)
    {
        org.Property(o => o.Reference).HasMaxLength(32);
        org.HasIndex(o => o.Reference).IsUnique();
        org.Property(o => o.NameAr).HasMaxLength(300);
        org.Property(o => o.NameCkb).HasMaxLength(300);
        org.Property(o => o.NameEn).HasMaxLength(300);
        org.Property(o => o.RegistrationNumber).HasMaxLength(64);
        org.HasIndex(o => o.RegistrationNumber).IsUnique();
        org.Property(o => o.ContactName).HasMaxLength(200);
        org.Property(o => o.ContactEmail).HasMaxLength(256);
        org.HasIndex(o => o.ContactEmail).IsUnique();
        org.Property(o => o.ContactPhone).HasMaxLength(32);
        org.Property(o => o.PreferredCulture).HasMaxLength(10);
        org.Property(o => o.DescriptionAr).HasMaxLength(4000);
        org.Property(o => o.DescriptionCkb).HasMaxLength(4000);
        org.Property(o => o.DescriptionEn).HasMaxLength(4000);
        org.Property(o => o.Website).HasMaxLength(300);
        org.Property(o => o.PublicEmail).HasMaxLength(256);
        org.Property(o => o.StatusReason).HasMaxLength(2000);
        org.Property(o => o.DocumentFileId).HasMaxLength(100);
        org.Property(o => o.DocumentFileName).HasMaxLength(260);
        org.Property(o => o.DocumentContentType).HasMaxLength(100);
        // The status is the optimistic concurrency token: every update says "WHERE Status = <the status I read>", so two
        // staff deciding at once (or a decision and the applicant's correction) cannot both succeed.
        org.Property(o => o.Status).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
        org.HasIndex(o => o.Status);
        org.PrimitiveCollection(o => o.Governorates);
        org.PrimitiveCollection(o => o.FocusAreas);
    }
}

internal sealed class OrganisationSubmissionConfiguration : IEntityTypeConfiguration<OrganisationSubmission>
{
    public void Configure(EntityTypeBuilder<OrganisationSubmission> submission)
    {
        submission.ToTable("OrganisationSubmissions");
        submission.HasKey(s => s.Key);
        submission.Property(s => s.Key).HasMaxLength(64);
        submission.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganisationUpdateLinkConfiguration : IEntityTypeConfiguration<OrganisationUpdateLink>
{
    public void Configure(EntityTypeBuilder<OrganisationUpdateLink> link)
    {
        link.ToTable("OrganisationUpdateLinks");
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
