using Ihec.Portal.Shared.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Statistics;

internal sealed class TallySnapshotConfiguration : IEntityTypeConfiguration<TallySnapshot>
{
    public void Configure(EntityTypeBuilder<TallySnapshot> snapshot)
    {
        snapshot.Property(s => s.Kind).HasMaxLength(32);
        snapshot.Property(s => s.ElectionId).HasMaxLength(64);
        snapshot.Property(s => s.ETag).HasMaxLength(256);
        snapshot.HasIndex(s => new { s.Kind, s.ElectionId }).IsUnique();
    }
}

internal sealed class StoredStationResultConfiguration : IEntityTypeConfiguration<StoredStationResult>
{
    public void Configure(EntityTypeBuilder<StoredStationResult> station)
    {
        station.Property(s => s.ElectionId).HasMaxLength(64);
        station.Property(s => s.StationCode).HasMaxLength(16);
        station.Property(s => s.Governorate).HasMaxLength(16);
        station.Property(s => s.Office).HasMaxLength(32);
        station.Property(s => s.Json).HasMaxLength(16000);
        station.HasIndex(s => new { s.ElectionId, s.StationCode }).IsUnique();
    }
}

internal sealed class DataQualityAlertConfiguration : IEntityTypeConfiguration<DataQualityAlert>
{
    public void Configure(EntityTypeBuilder<DataQualityAlert> alert)
    {
        alert.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        alert.Property(a => a.Source).HasMaxLength(32);
        alert.Property(a => a.ElectionId).HasMaxLength(64);
        alert.Property(a => a.Subject).HasMaxLength(64);
        alert.Property(a => a.Detail).HasMaxLength(4000);
        alert.HasIndex(a => new { a.ResolvedAt, a.Source, a.ElectionId });
        alert.HasIndex(a => a.LastSeenAt);
    }
}

internal sealed class ResultsTapeRecordConfiguration : IEntityTypeConfiguration<ResultsTapeRecord>
{
    public void Configure(EntityTypeBuilder<ResultsTapeRecord> tape)
    {
        tape.Property(t => t.SubmittedByUserId).HasMaxLength(450);
        tape.Property(t => t.SubmittedByName).HasMaxLength(256);
        tape.Property(t => t.ClientKey).HasMaxLength(64);
        tape.Property(t => t.ElectionId).HasMaxLength(64);
        tape.Property(t => t.StationCode).HasMaxLength(16);
        tape.Property(t => t.Governorate).HasMaxLength(16);
        tape.Property(t => t.Office).HasMaxLength(32);
        tape.Property(t => t.EntitiesJson).HasMaxLength(16000);
        tape.Property(t => t.DifferencesJson).HasMaxLength(32000);
        tape.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        tape.Property(t => t.Source).HasMaxLength(16);
        tape.Property(t => t.Note).HasMaxLength(1000);
        // Idempotency: one tape per organisation and client key.
        tape.HasIndex(t => new { t.OrganisationId, t.ClientKey }).IsUnique();
        tape.HasIndex(t => new { t.OrganisationId, t.SubmittedAt });
        tape.HasIndex(t => new { t.ElectionId, t.Status, t.Governorate });
        tape.HasIndex(t => new { t.ElectionId, t.StationCode });
    }
}
