using System.Net;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ihec.Portal.Tests.Accounts;

/// <summary>
/// Authenticator codes (issue #28) computed with Otp.NET, independently of the portal's own TOTP code, against a clock
/// the test sets: each code is accepted once (the enrolment code included), only in the current step or one either
/// side, and whatever digits the phone typed. Each test uses its own staff account.
/// </summary>
public sealed class AuthenticatorCodeTests(AuthenticatorCodeTests.Factory factory) : IClassFixture<AuthenticatorCodeTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public TestClock Clock { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:DemoAccountsSkipTwoFactor"] = "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }

        public string CodeAt(string key, int steps) =>
            new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(Clock.Now.UtcDateTime.AddSeconds(30 * steps));

        /// <summary>Sets up an authenticator through the page, as a person would (reading the key it shows).</summary>
        public async Task<(HttpClient Client, string Key, string[] RecoveryCodes)> EnrolAsync(string email)
        {
            var client = await SignedInClientAsync(email);
            var page = await client.GetDocumentAsync("/account/manage/two-factor");
            var key = page.QuerySelector("code.shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
            var enabled = await client.SubmitFormAsync(page, "/account/manage/two-factor", "enable-2fa",
                new Dictionary<string, string> { ["Input.Code"] = CodeAt(key, 0) });
            var codes = (await enabled.ParseAsync()).QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToArray();
            Assert.Equal(10, codes.Length);
            return (client, key, codes);
        }

        /// <summary>The password step of a sign-in that needs a second factor: the client and the second step's path.</summary>
        public async Task<(HttpClient Client, string TwoFactorPath)> PasswordStepAsync(string email, string culture = "en")
        {
            var client = CreateBrowserLikeClient();
            var first = await client.SubmitFormAsync("/account/login?culture=" + culture, "login", AccountSecurityTests.Credentials(email, DemoPassword));
            Assert.StartsWith("/account/login-2fa", first.RedirectPath());
            return (client, first.RedirectPath()!);
        }
    }

    /// <summary>Stands still unless a test moves it; starts five seconds into a 30-second step.</summary>
    public sealed class TestClock : TimeProvider
    {
        public DateTimeOffset Now { get; private set; } =
            DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 5);

        public override DateTimeOffset GetUtcNow() => Now;

        public void AdvanceSteps(int steps) => Now = Now.AddSeconds(30 * steps);
    }

    [Fact]
    public async Task A_code_signs_in_once_and_the_enrolment_code_never()
    {
        const string email = "editor@demo.ihec.iq";
        var (key, _) = await EnrolAsync(email);

        // The code just used to enrol, still in its period.
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(email, CodeAt(key, 0))).StatusCode);

        factory.Clock.AdvanceSteps(1);
        var code = CodeAt(key, 0);
        Assert.Equal("/", (await SignInWithCodeAsync(email, code)).RedirectPath());
        var replay = await SignInWithCodeAsync(email, code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(ResourceText.Get("Features/Accounts/AccountsText", "en", "InvalidAuthenticatorCode"),
            (await replay.ParseAsync()).QuerySelector("#code-error")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_code_one_step_old_is_accepted_and_two_steps_old_refused()
    {
        const string email = "media@demo.ihec.iq";
        var (key, _) = await EnrolAsync(email);
        factory.Clock.AdvanceSteps(5);

        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(email, CodeAt(key, -2))).StatusCode);
        Assert.Equal("/", (await SignInWithCodeAsync(email, CodeAt(key, -1))).RedirectPath());
    }

    [Fact]
    public async Task Codes_and_recovery_codes_typed_with_arabic_indic_or_extended_arabic_indic_digits_are_accepted()
    {
        const string email = "antirumour@demo.ihec.iq";
        var (key, recoveryCodes) = await EnrolAsync(email);

        factory.Clock.AdvanceSteps(1);
        Assert.Equal("/", (await SignInWithCodeAsync(email, Native(CodeAt(key, 0), '\u0660'))).RedirectPath());
        factory.Clock.AdvanceSteps(1);
        var extended = Native(CodeAt(key, 0), '\u06F0');
        Assert.Equal("/", (await SignInWithCodeAsync(email, extended[..3] + " " + extended[3..])).RedirectPath());

        var withDigits = recoveryCodes.Where(c => c.Any(char.IsAsciiDigit)).Take(2).ToArray();
        Assert.Equal(2, withDigits.Length);
        Assert.Equal("/", (await SignInWithRecoveryCodeAsync(email, Native(withDigits[0], '\u0660'))).RedirectPath());
        Assert.Equal("/", (await SignInWithRecoveryCodeAsync(email, Native(withDigits[1], '\u06F0'))).RedirectPath());
    }

    private string CodeAt(string key, int steps) => factory.CodeAt(key, steps);

    private async Task<(string Key, string[] RecoveryCodes)> EnrolAsync(string email)
    {
        var (_, key, codes) = await factory.EnrolAsync(email);
        return (key, codes);
    }

    private static string Native(string text, char zero) =>
        string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)(zero + (c - '0')) : c));

    private async Task<HttpResponseMessage> SignInWithCodeAsync(string email, string code)
    {
        var (client, path) = await factory.PasswordStepAsync(email);
        return await client.SubmitFormAsync(path, "login-2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });
    }

    private async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync(string email, string code)
    {
        var (client, _) = await factory.PasswordStepAsync(email);
        return await client.SubmitFormAsync("/account/login-recovery?returnUrl=%2F", "login-recovery",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
    }
}
