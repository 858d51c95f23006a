using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ihec.Portal.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class PlaywrightCollection : ICollectionFixture<PlaywrightPortal>
{
    public const string Name = "Playwright";
}

/// <summary>
/// The accessibility scan of every page, with a portal and a Chromium of its own: it is the longest browser work, and
/// in its own collection it runs beside the other browser tests instead of after them (xunit runs collections in
/// parallel, the tests of one collection one after another).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlaywrightScanCollection : ICollectionFixture<PlaywrightPortal>
{
    public const string Name = "Playwright scan";
}

/// <summary>
/// One portal on real Kestrel (loopback, a free port) and one headless Debian Chromium for the whole collection.
/// Each test opens its own browser context; a role's context starts from the cookies of one sign-in through the
/// real sign-in form, made once per role.
/// </summary>
public sealed class PlaywrightPortal : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly ConcurrentDictionary<Principal, Lazy<Task<string>>> storageStates = new();
    // Scans by content fingerprint, and the shells scanned (see ScanAsync); both guarded by a lock on scans.
    private readonly Dictionary<string, Lazy<Task<AxeScan>>> scans = [];
    private readonly Dictionary<string, Lazy<Task<AxeScan>>> scannedShells = [];
    // The same by the server's markup (ServerMarkup): whether a page needs opening in the browser at all.
    private readonly Dictionary<string, AxeScan> serverContents = [];
    private readonly HashSet<string> serverShells = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public PortalFactory Portal { get; } = new BrowserPortalFactory();

    /// <summary>The portal's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        // Expectations wait as long as actions do: with two browser collections beside the other tests on two cores,
        // a Blazor round trip can take more than Playwright's default 5 s (a bound on waiting, not a timing check).
        Assertions.SetDefaultExpectTimeout(15_000);
        Portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Portal.StartServer();
        BaseUrl = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().TrimEnd('/');

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: apt-get install -y --no-install-recommends chromium fonts-noto-core (.ci/run does this).");
        }

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh context: anonymous, or signed in as the role's demo account.</summary>
    /// <param name="locale">The browser's language (its Accept-Language); Chromium's default is en-US.</param>
    /// <param name="configure">Changes to the context's options (a phone's viewport, permissions, a position), made before it opens.</param>
    public async Task<IBrowserContext> NewContextAsync(Principal principal, string? locale = null, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = locale };
        configure?.Invoke(options);
        if (principal != Principal.Anonymous)
        {
            options.StorageState = await StorageStateAsync(principal);
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    // One sign-in per role, shared by every test; a sign-in that failed (a timeout on a loaded machine) is not kept,
    // so the next test signs in again instead of failing for the same reason.
    private async Task<string> StorageStateAsync(Principal principal)
    {
        var lazy = storageStates.GetOrAdd(principal, p => new Lazy<Task<string>>(() => SignInAsync(p)));
        try
        {
            return await lazy.Value;
        }
        catch (Exception) when (storageStates.TryRemove(new KeyValuePair<Principal, Lazy<Task<string>>>(principal, lazy)))
        {
            return await storageStates.GetOrAdd(principal, p => new Lazy<Task<string>>(() => SignInAsync(p))).Value;
        }
    }

    /// <summary>Opens a page and waits for the shell's <c>main</c>; returns the response to the document request.</summary>
    public static async Task<IResponse> OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded })
                       ?? throw new InvalidOperationException($"No response for {url}.");
        await page.Locator("main").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return response;
    }

    /// <summary>
    /// The serious and critical axe violations on the open page. Axe takes most of a page's time in the scan tests, and
    /// most pages repeat what was scanned already: the same content in another principal's shell (a public page as
    /// each role), the same shell around other content. So the page's markup is fingerprinted in two parts, the shell
    /// (everything outside <c>main</c>) and the content (<c>main</c>), each apart from text and per-request tokens, and
    /// axe runs on the whole page unless both parts were already scanned in this run, each on a whole page: then the
    /// scan of the earlier page with this content is returned (its violations, if any, are this content's). Every
    /// distinct content and every distinct shell is still scanned, in each language (text direction and language are
    /// attributes, so they are part of both fingerprints); the page itself is always loaded and its status and
    /// address checked by the caller. What this can miss: a violation that only one pairing of a shell with a content
    /// produces (a duplicate id shared by the two, say); ids in the shell are fixed and prefixed, which makes that unlikely.
    /// </summary>
    public async Task<AxeScan> ScanAsync(IPage page, string description)
    {
        // Pages are opened at DOMContentLoaded; axe must see them styled. On a loaded machine a scan once ran before
        // app.css had arrived and reported the unstyled header's contrast.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var parts = await page.EvaluateAsync<string[]>(MarkupSignature);
        var shell = Hash(parts[0]);
        var content = Hash(parts[1]);
        Lazy<Task<AxeScan>>? earlier;
        lock (scans)
        {
            if (!scannedShells.ContainsKey(shell) || !scans.TryGetValue(content, out earlier))
            {
                earlier = null;
                var scan = new Lazy<Task<AxeScan>>(async () =>
                {
                    var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
                    return new AxeScan(description, result.Violations.Where(v => v.Impact is "serious" or "critical").ToList());
                });
                scannedShells.TryAdd(shell, scan);
                scans.TryAdd(content, scan);
                earlier = scan;
            }
        }

        return await earlier.Value;

        static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The scan of a page whose server markup has both parts (<see cref="ServerMarkup.Fingerprint"/>) among the pages
    /// scanned already (see <see cref="Scanned"/>), or null: the page must be opened and scanned.
    /// </summary>
    public AxeScan? ScannedAlready((string Shell, string Content) markup)
    {
        lock (scans)
        {
            return serverShells.Contains(markup.Shell) && serverContents.TryGetValue(markup.Content, out var scan) ? scan : null;
        }
    }

    /// <summary>Records that a page with this server markup was opened and scanned (<see cref="ScanAsync"/>).</summary>
    public void Scanned((string Shell, string Content) markup, AxeScan scan)
    {
        lock (scans)
        {
            serverShells.Add(markup.Shell);
            serverContents.TryAdd(markup.Content, scan);
        }
    }

    // The shell's and the content's elements and attributes in document order, with text reduced to "there is some"
    // and without the values that change on every request (antiforgery tokens) or with timing (the signed-in session
    // guard). In the shell, links' addresses and titles (the language links and the skip link point at the current
    // page) and which menu item is the current page are left out. The content's place in the shell is marked; the
    // root's lang and dir are in both.
    private const string MarkupSignature = """
        () => {
          const walk = (node, parts, main) => {
            if (node.nodeType === Node.TEXT_NODE) { if (node.textContent.trim()) parts.push('#'); return; }
            if (node.nodeType !== Node.ELEMENT_NODE || node.hasAttribute('data-session-guard')) return;
            if (main && node === main) { parts.push('<MAIN/>'); return; }
            const hidden = node.tagName === 'INPUT' && node.type === 'hidden';
            const attributes = [...node.attributes]
              .filter(a => !(hidden && a.name === 'value') && !(main && a.name === 'aria-current'))
              .map(a => a.name + '=' + (main && (a.name === 'href' || a.name === 'title') ? '' : a.value)).sort();
            parts.push('<' + node.tagName + ' ' + attributes.join(' ') + '>');
            node.childNodes.forEach(child => walk(child, parts, main));
            parts.push('</' + node.tagName + '>');
          };
          const main = document.querySelector('main');
          const root = document.documentElement;
          const shell = [];
          walk(root, shell, main);
          const content = ['main', 'lang=' + root.lang, 'dir=' + root.dir];
          if (main) walk(main, content, null);
          return [shell.join(''), content.join('')];
        }
        """;

    /// <summary>Adds <c>culture=</c> to a URL, keeping its other parameters.</summary>
    public static string WithCulture(string url, string language) =>
        url + (url.Contains('?') ? "&" : "?") + "culture=" + language;

    private async Task<string> SignInAsync(Principal principal)
    {
        // One long-lived session per role: see PortalFactory.EnsureAuthenticatorKeyAsync.
        await Portal.EnsureAuthenticatorKeyAsync(principal.Email());
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await OpenAsync(page, "/account/login");
        await page.Locator("#email").FillAsync(principal.Email());
        await page.Locator("#password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("form[method=post] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        await page.Locator("form[action='/account/logout']").WaitForAsync();
        return await context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

/// <summary>
/// The browser tests' portal: open pages revalidate their user every few seconds instead of every minute, so a test
/// can watch revalidation end a session without waiting a minute.
/// </summary>
internal sealed class BrowserPortalFactory : PortalFactory
{
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(3);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:RevalidationInterval"] = RevalidationInterval.ToString("c"),
    };
}

/// <summary>One axe scan: the page (and principal) it was made on, and its serious and critical violations.</summary>
public sealed record AxeScan(string ScannedOn, IReadOnlyList<AxeResultItem> Violations);
