using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// The pages with forms and filters mirror in right-to-left languages (issue #19 item 10), in Chromium: each form
/// control's distance from the inline start of <c>main</c> (its left edge in English, its right edge in Arabic) is the
/// same in both, and a filter form's first field begins at the form's inline start (a filter pushed to the inline
/// end was mirrored too, but wrong in both). Controls placed by the length of words before them (in table columns, a
/// check box after another one's label) are left out of the comparison.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class RtlLayoutTests(PlaywrightPortal browser)
{
    /// <summary>Text differs in length between languages; boxes placed by it (a wrapped hint) may move this little.</summary>
    private const double Tolerance = 2;

    private static readonly Dictionary<Principal, string[]> Pages = new()
    {
        [Principal.Anonymous] = ["/account/login", "/organisations/apply", "/map"],
        [Principal.CsoMember] = ["/violations/new", "/account/manage", "/reports/mine/new", "/chat"],
        [Principal.IhecRelations] = ["/ihec/organisations"],
        [Principal.IhecMonitoring] = ["/ihec/violations", "/violations/map"],
        [Principal.IhecMedia] = ["/ihec/announcements/new", "/ihec/chat", "/ihec/chat/search"],
        [Principal.IhecEditor] = ["/ihec/library/new"],
    };

    public static TheoryData<string> Principals() => [.. Pages.Keys.Select(p => p.ToString())];

    [Theory]
    [MemberData(nameof(Principals))]
    public async Task Form_controls_in_arabic_are_the_mirror_of_english(string principal)
    {
        var who = Enum.Parse<Principal>(principal);
        await using var context = await browser.NewContextAsync(who);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var url in Pages[who])
        {
            var english = await ControlsAsync(page, url, "en");
            var arabic = await ControlsAsync(page, url, "ar");
            if (english.Controls.Length == 0 || english.Controls.Length != arabic.Controls.Length)
            {
                problems.Add($"{url}: {english.Controls.Length} controls in en, {arabic.Controls.Length} in ar");
                continue;
            }

            for (var i = 0; i < english.Controls.Length; i++)
            {
                var (en, ar) = (english.Controls[i], arabic.Controls[i]);
                if (Math.Abs(en.Start - ar.Start) > Tolerance)
                {
                    problems.Add($"{url}: {en.Name} starts {en.Start:0} px from the inline start in en, {ar.Start:0} px in ar");
                }
            }

            problems.AddRange(english.Filters.Concat(arabic.Filters).Select(f => $"{url}: {f}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record Control(string Name, double Start);

    private sealed record Layout(Control[] Controls, string[] Filters);

    private static async Task<Layout> ControlsAsync(IPage page, string url, string language)
    {
        await PlaywrightPortal.OpenAsync(page, PlaywrightPortal.WithCulture(url, language));
        await page.WaitForLoadStateAsync(LoadState.Load);
        var found = await page.EvaluateAsync<LayoutData>(Measure);
        return new Layout([.. found.Controls.Select(c => new Control(c.Name, c.Start))], found.Filters);
    }

    private sealed class ControlData
    {
        public string Name { get; set; } = "";
        public double Start { get; set; }
    }

    private sealed class LayoutData
    {
        public ControlData[] Controls { get; set; } = [];
        public string[] Filters { get; set; } = [];
    }

    // Distances from the inline start: from main's left edge in a left-to-right page, from its right edge in a
    // right-to-left one. Only the visible controls people fill in; buttons are as wide as their words.
    private const string Measure = """
        () => {
          const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
          const main = document.querySelector('main').getBoundingClientRect();
          const start = (r, box) => rtl ? box.right - r.right : r.left - box.left;
          const shown = [...document.querySelectorAll('main :is(input:not([type=hidden]), select, textarea)')]
            .filter(e => e.getClientRects().length > 0 && !e.closest('[hidden], .leaflet-container, table'));
          // A check box after another one's label on the same line sits where that label's words end: compared
          // only when it begins its line. (Controls in tables sit where the columns' words put them: left out.)
          const controls = shown.filter((e, i) => {
            if (!e.matches('[type=checkbox], [type=radio]') || i === 0) return true;
            const [r, p] = [e.getBoundingClientRect(), shown[i - 1].getBoundingClientRect()];
            return r.top >= p.bottom || r.bottom <= p.top;
          }).map(e => ({ name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '[name=' + e.name + ']'), start: start(e.getBoundingClientRect(), main) }));
          const filters = [...document.querySelectorAll('main form.filter-form')].flatMap(form => {
            const first = form.querySelector(':scope > .field');
            if (!first) return [];
            const offset = start(first.getBoundingClientRect(), form.getBoundingClientRect());
            return Math.abs(offset) > 2
              ? [`(${document.documentElement.lang}) the filter's first field starts ${offset.toFixed(0)} px from the form's inline start`]
              : [];
          });
          return { controls, filters };
        }
        """;
}
