using Ihec.Portal.Shared.Auditing;
using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Infrastructure.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.ActorUserId).HasMaxLength(450);
        entry.Property(e => e.ActorName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(100);
        entry.Property(e => e.Details).HasMaxLength(4000);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.Action);
        entry.HasIndex(e => e.ActorUserId);
    }
}

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
        org.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        org.HasIndex(o => o.Status);
        org.PrimitiveCollection(o => o.Governorates);
        org.PrimitiveCollection(o => o.FocusAreas);
    }
}
