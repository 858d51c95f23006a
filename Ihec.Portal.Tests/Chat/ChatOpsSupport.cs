using Ihec.Portal.Features.Chat;
using Ihec.Portal.Infrastructure.Data;
using Ihec.Portal.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Chat;

/// <summary>Helpers for the media unit's tools: conversations and messages through the real hub, extra agents.</summary>
internal static class ChatOpsSupport
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static async Task<ConversationView> StartAsync(HubConnection member, string topic, string language = "ar")
    {
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", topic, language);
        Assert.True(started.Succeeded, started.ErrorText);
        return started.Value!;
    }

    public static async Task<ChatMessageView> SendAsync(HubConnection connection, Guid conversationId, string text)
    {
        var sent = await connection.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversationId, NewId(), text);
        Assert.True(sent.Succeeded, sent.ErrorText);
        return sent.Value!;
    }

    /// <summary>Another media unit agent (a demo account, so it needs no second factor), created once per portal.</summary>
    public static async Task<PortalUser> ColleagueAsync(ChatPortal portal, string email = "media2@demo.ihec.iq", string role = PortalRoles.IhecMedia)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing;
        }

        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Colleague " + email.Split('@')[0],
            PreferredCulture = "en", IsDemo = true, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, PortalFactoryPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    private const string PortalFactoryPassword = Infrastructure.PortalFactory.DemoPassword;
}
