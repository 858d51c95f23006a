using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

/// <summary>
/// Every form sent back with errors (issue #19 items 1 and 2), in Chromium: each form is submitted empty (its typed
/// fields cleared), and the page that comes back has its error summary focused (the summary's links lead to the
/// fields), says each message once, and shows no success notice (nothing succeeded; also not the earlier success
/// named in the address a form posts back to, as on <c>/chat?started=true</c>).
/// One browser page per principal, every form of that principal's in turn.
/// </summary>
[Collection(PlaywrightCollection.Name)]
public sealed class FormErrorFocusTests(PlaywrightPortal browser)
{
    /// <summary>
    /// A form: where it is, the form element to submit (the shell's sign-out form is a post form too), and for a form
    /// with no required field, a field and a value it refuses (so that nothing is stored).
    /// </summary>
    public sealed record FormCase(string Url, string Form = "main form[method=post]", string? Invalid = null, string? InvalidValue = null);

    private static readonly Dictionary<Principal, FormCase[]> Forms = new()
    {
        [Principal.Anonymous] =
        [
            new("/account/login"),
            new("/account/forgot-password"),
            new("/account/reset-password?user=someone&code=abc"),
            new("/organisations/apply"),
        ],
        [Principal.CsoMember] =
        [
            new("/violations/new"),
            new("/reports/mine/new"),
            new("/rumours/new"),
            new("/chat"),
            new("/chat?started=true"),
            new("/account/manage"),
            new("/account/manage/password"),
        ],
        [Principal.CsoAdmin] =
        [
            new("/my-organisation/profile", Invalid: "#website", InvalidValue: "not an address"),
            new("/my-organisation/members", "main form.form-stack[method=post]"),
        ],
        [Principal.IhecMedia] =
        [
            new("/ihec/announcements/new"),
            new("/ihec/chat/canned/new"),
        ],
        [Principal.IhecEditor] = [new("/ihec/library/new")],
    };

    public static TheoryData<string> Principals() => [.. Forms.Keys.Select(p => p.ToString())];

    [Theory]
    [MemberData(nameof(Principals))]
    public async Task Every_form_sent_back_with_errors_focuses_its_summary_and_says_each_message_once(string principal)
    {
        var who = Enum.Parse<Principal>(principal);
        await using var context = await browser.NewContextAsync(who);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var form in Forms[who])
        {
            await PlaywrightPortal.OpenAsync(page, PlaywrightPortal.WithCulture(form.Url, "ar"));
            await page.WaitForLoadStateAsync(LoadState.Load);
            var formElement = page.Locator(form.Form).First;
            await formElement.EvaluateAsync(ClearTypedFields);
            if (form.Invalid is not null)
            {
                await page.Locator(form.Invalid).FillAsync(form.InvalidValue!);
            }
            // The post loads a new document: the mark on this one is gone once it has.
            await page.EvaluateAsync("() => window.beforeSubmit = true");
            await formElement.Locator("button[type=submit]").First.ClickAsync();
            await page.WaitForFunctionAsync("() => !window.beforeSubmit && document.readyState === 'complete'");

            var summary = page.Locator(".validation-errors");
            if (await summary.CountAsync() == 0)
            {
                problems.Add($"{form.Url}: no error summary after an empty submit");
                continue;
            }

            // autofocus is applied at the browser's next rendering step: wait for it, failing when it never comes.
            try
            {
                await page.WaitForFunctionAsync("() => document.activeElement?.classList.contains('validation-errors')",
                    null, new PageWaitForFunctionOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                problems.Add($"{form.Url}: focus is on <{await page.EvaluateAsync<string>(ActiveElement)}>, not on the error summary");
            }

            problems.AddRange((await page.EvaluateAsync<string[]>(MessageProblems)).Select(p => $"{form.Url}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // Empties what a person types (text, numbers, dates, text areas) and unselects choices, so that required fields are missing.
    private const string ClearTypedFields = """
        form => {
          form.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=file]):not([readonly]), textarea')
            .forEach(e => e.value = '');
          form.querySelectorAll('select').forEach(s => { const empty = [...s.options].find(o => o.value === ''); if (empty) s.value = ''; });
        }
        """;

    private const string ActiveElement =
        "() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') : 'none'; }";

    // What a page sent back with errors must not do: show a success notice, or the same message in two boxes
    // (notices and summaries; a field's own message beside it is the summary's link target, not a repeat).
    private const string MessageProblems = """
        () => {
          const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) && !e.closest('[hidden]');
          const problems = [];
          document.querySelectorAll('main .notice-success').forEach(e => {
            if (visible(e)) problems.push('a success notice after a failed submit: ' + e.textContent.trim());
          });
          const boxes = [...document.querySelectorAll('main .notice, main .validation-errors li, main [role=alert]')]
            .filter(e => visible(e) && !e.matches('.validation-errors'));
          const seen = new Set();
          for (const box of boxes) {
            const text = box.textContent.replace(/\s+/g, ' ').trim();
            if (text && seen.has(text)) problems.push('shown twice: ' + text);
            seen.add(text);
          }
          return problems;
        }
        """;
}
