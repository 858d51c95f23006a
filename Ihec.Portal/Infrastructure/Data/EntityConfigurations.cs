using Ihec.Portal.Shared.Auditing;
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
