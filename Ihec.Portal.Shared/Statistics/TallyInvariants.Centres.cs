using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Shared.Statistics;

public static partial class TallyInvariants
{
    /// <summary>
    /// The registry's invariants, centre by centre: well-formed and unique codes, a known governorate, coordinates inside
    /// it, an Arabic name and district, and stations that belong to the centre. Each violation names its centre.
    /// </summary>
    /// <param name="governorateAt">The governorate a point (longitude, latitude) lies in, or null outside Iraq.</param>
    public static IReadOnlyList<InvariantViolation> CheckCentres(IEnumerable<PollingCentre> centres, Func<double, double, string?> governorateAt)
    {
        var found = new List<InvariantViolation>();
        var centreCodes = new HashSet<string>(StringComparer.Ordinal);
        var stationCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var centre in centres)
        {
            var subject = centre.CentreCode;
            if (!IsCentreCode(centre.CentreCode))
            {
                found.Add(new(ViolationKind.BadCode, subject, "centreCode"));
            }
            else if (!centreCodes.Add(centre.CentreCode))
            {
                found.Add(new(ViolationKind.DuplicateCode, subject, "centreCode"));
            }

            if (!Governorates.IsKnown(centre.Governorate))
            {
                found.Add(new(ViolationKind.UnknownGovernorate, subject, "governorate"));
            }

            if (centre.Latitude is not { } latitude || centre.Longitude is not { } longitude)
            {
                found.Add(new(ViolationKind.MissingCoordinates, subject, "latitude/longitude"));
            }
            else if (Governorates.IsKnown(centre.Governorate) && governorateAt(longitude, latitude) != centre.Governorate)
            {
                found.Add(new(ViolationKind.OutsideGovernorate, subject, "latitude/longitude"));
            }

            RequireText(found, subject, "name.ar", centre.Name.Ar);
            RequireText(found, subject, "district.ar", centre.District.Ar);
            foreach (var station in centre.Stations)
            {
                var code = station.StationCode;
                if (!IsStationCode(code))
                {
                    found.Add(new(ViolationKind.BadCode, code, "stationCode"));
                }
                else if (!code.StartsWith(centre.CentreCode + "-", StringComparison.Ordinal))
                {
                    found.Add(new(ViolationKind.CentreCodeMismatch, code, "stationCode"));
                }
                else if (!stationCodes.Add(code))
                {
                    found.Add(new(ViolationKind.DuplicateCode, code, "stationCode"));
                }

                NonNegative(found, code, "registeredVoters", station.RegisteredVoters);
            }
        }

        return found;
    }
}
