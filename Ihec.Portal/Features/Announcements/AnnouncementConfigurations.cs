using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Announcements;

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> a)
    {
        a.ToTable("Announcements");
        a.HasIndex(x => x.Number).IsUnique();
        a.HasIndex(x => x.SubmissionKey).IsUnique();
        a.HasIndex(x => x.SentAt);
        a.Property(x => x.Title).HasMaxLength(AnnouncementForm.MaxTitle);
        a.Property(x => x.Body).HasMaxLength(AnnouncementForm.MaxBody);
        a.Property(x => x.Language).HasMaxLength(10);
        a.Property(x => x.Importance).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
        a.PrimitiveCollection(x => x.Governorates);
        a.Property(x => x.SentByUserId).HasMaxLength(450);
        a.Property(x => x.SentByName).HasMaxLength(256);
        a.Property(x => x.SubmissionKey).HasMaxLength(64);
        a.HasMany(x => x.Recipients).WithOne().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnnouncementRecipientConfiguration : IEntityTypeConfiguration<AnnouncementRecipient>
{
    public void Configure(EntityTypeBuilder<AnnouncementRecipient> r)
    {
        r.ToTable("AnnouncementRecipients");
        r.HasKey(x => new { x.AnnouncementId, x.OrganisationId });
        // A member's list starts from the organisation.
        r.HasIndex(x => x.OrganisationId);
        r.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnnouncementReadConfiguration : IEntityTypeConfiguration<AnnouncementRead>
{
    public void Configure(EntityTypeBuilder<AnnouncementRead> r)
    {
        r.ToTable("AnnouncementReads");
        r.HasKey(x => new { x.AnnouncementId, x.UserId });
        r.Property(x => x.UserId).HasMaxLength(450);
        r.HasIndex(x => new { x.UserId, x.AnnouncementId });
        r.HasOne<Announcement>().WithMany().HasForeignKey(x => x.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
