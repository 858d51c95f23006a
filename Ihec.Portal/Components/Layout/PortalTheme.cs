using MudBlazor;

namespace Ihec.Portal.Components.Layout;

public static class PortalTheme
{
    private static readonly string[] FontStack = ["Noto Sans Arabic", "Noto Sans", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e3a8a",
            Secondary = "#0f766e",
            AppbarBackground = "#1e3a8a",
            AppbarText = "#ffffff",
            TextPrimary = "#111827",
            TextSecondary = "#374151",
            Error = "#b91c1c",
            Success = "#166534",
            Warning = "#92400e",
            Info = "#1e40af",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "2rem", FontWeight = "700" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.5rem", FontWeight = "700" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "700" },
        },
    };
}
