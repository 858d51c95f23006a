using System.Collections.Concurrent;
using System.Net;
using Ihec.Portal.Infrastructure.Email;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ihec.Portal.Tests.Security;

/// <summary>The portal with every log message it writes kept in memory.</summary>
public sealed class LoggedPortal : PortalFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingProvider(Lines)));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}

/// <summary>#20 item 11: the reset page without a user, user text in logs.</summary>
public sealed class SmallHardeningTests(LoggedPortal portal) : IClassFixture<LoggedPortal>
{
    [Theory]
    [InlineData("/account/reset-password")]
    [InlineData("/account/reset-password?code=Q0RF")]
    [InlineData("/account/reset-password?user=&code=Q0RF")]
    public async Task Posting_the_reset_form_without_a_user_says_the_link_is_not_valid(string url)
    {
        var client = portal.CreateBrowserLikeClient();
        var token = (await client.GetDocumentAsync("/account/login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(url, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("_handler", "reset-password"),
            new("Input.Password", "New-Password-2026"),
            new("Input.ConfirmPassword", "New-Password-2026"),
        ]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ParseAsync()).QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task User_text_with_line_breaks_never_starts_a_log_line_of_its_own()
    {
        var sender = portal.Services.GetRequiredService<IEmailSender>();
        const string topic = "Polling hours\r\nfail: Ihec.Portal[0] Administrator password changed\u2028forged";

        await sender.SendAsync(new EmailMessage("member@tammuz.demo", "Reply about: " + topic, "body"));

        var line = Assert.Single(portal.Lines, l => l.Contains("Reply about: Polling hours", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u2028', line);
        Assert.Contains(@"Polling hours\r\nfail:", line);
    }
}
