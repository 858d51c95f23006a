namespace Ihec.Portal.Shared.Organisations;

/// <summary>Iraq's 18 governorates by ISO 3166-2 code, as the tally engine names them.</summary>
public static class Governorates
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "IQ-BG", "IQ-BA", "IQ-NI", "IQ-AR", "IQ-SU", "IQ-DA", "IQ-KI", "IQ-AN", "IQ-BB",
        "IQ-KA", "IQ-NA", "IQ-WA", "IQ-DI", "IQ-SD", "IQ-QA", "IQ-MU", "IQ-DQ", "IQ-MA",
    ];

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    /// <summary>The resource key of a governorate's display name (e.g. <c>Gov_IQ_BG</c>).</summary>
    public static string ResourceKey(string code) => "Gov_" + code.Replace('-', '_');
}
