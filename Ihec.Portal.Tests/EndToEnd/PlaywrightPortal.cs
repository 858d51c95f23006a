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
    private readonly ConcurrentDictionary<string, Lazy<Task<AxeScan>>> scans = new();
    private IPlaywright? playwright;
    private IBrowser? browser;

    public PortalFactory Portal { get; } = new BrowserPortalFactory();

    /// <summary>The portal's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
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
    public async Task<IBrowserContext> NewContextAsync(Principal principal, string? locale = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = locale };
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
    /// The serious and critical axe violations on the open page. Pages whose markup is identical apart from text
    /// and per-request tokens (the same page as two staff roles that see the same menu, say) give identical axe
    /// results, so such a page is scanned once and later visits reuse that scan; the page itself is still loaded
    /// and its status and address checked by the caller.
    /// </summary>
    public async Task<AxeScan> ScanAsync(IPage page, string description)
    {
        var signature = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(await page.EvaluateAsync<string>(MarkupSignature))));
        return await scans.GetOrAdd(signature, _ => new Lazy<Task<AxeScan>>(async () =>
        {
            var result = await page.RunAxe();
            return new AxeScan(description, result.Violations.Where(v => v.Impact is "serious" or "critical").ToList());
        })).Value;
    }

    // The page's elements and attributes in document order, with text reduced to "there is some" and without
    // the values that change on every request (antiforgery tokens) or with timing (the signed-in session guard).
    private const string MarkupSignature = """
        () => {
          const parts = [];
          const walk = node => {
            if (node.nodeType === Node.TEXT_NODE) { if (node.textContent.trim()) parts.push('#'); return; }
            if (node.nodeType !== Node.ELEMENT_NODE || node.hasAttribute('data-session-guard')) return;
            const hidden = node.tagName === 'INPUT' && node.type === 'hidden';
            const attributes = [...node.attributes].filter(a => !(hidden && a.name === 'value'))
              .map(a => a.name + '=' + a.value).sort();
            parts.push('<' + node.tagName + ' ' + attributes.join(' ') + '>');
            node.childNodes.forEach(walk);
            parts.push('</' + node.tagName + '>');
          };
          walk(document.documentElement);
          return parts.join('');
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
