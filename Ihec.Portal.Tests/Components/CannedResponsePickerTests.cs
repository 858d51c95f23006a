using Bunit;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Chat.Components;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Components;

public sealed class CannedResponsePickerTests : IDisposable
{
    private readonly BunitContext context = new();

    private static readonly IReadOnlyList<CannedResponseView> Responses =
    [
        new(Guid.NewGuid(), "Registration dates", "Registration closes on the 10th."),
        new(Guid.NewGuid(), "Observer badges", "Badges are issued by the governorate office."),
        new(Guid.NewGuid(), "الاستمارات", "تُرسل الاستمارة إلى مكتب المحافظة."),
        new(Guid.NewGuid(), "إلغاء التسجيل", "يُلغى التسجيل بطلب مكتوب."),
    ];

    public CannedResponsePickerTests() => context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Fact]
    public void Typing_narrows_the_list_and_insert_hands_the_chosen_text_to_the_host()
    {
        using var _ = ResourceText.UseLanguage("en");
        string? inserted = null;
        var picker = context.Render<CannedResponsePicker>(p => p
            .Add(x => x.Language, "en")
            .Add(x => x.Responses, Responses)
            .Add(x => x.OnInsert, text => inserted = text));

        Assert.Equal(4, picker.FindAll("#canned-list option").Count);
        Assert.True(picker.Find("#canned-insert").HasAttribute("disabled"));

        picker.Find("#canned-search").Input("badge");
        Assert.Equal(["Observer badges"], picker.FindAll("#canned-list option").Select(o => o.TextContent));
        Assert.Contains("1", picker.Find("#canned-count").TextContent, StringComparison.Ordinal);

        picker.Find("#canned-insert").Click();
        Assert.Equal("Badges are issued by the governorate office.", inserted);
    }

    [Fact]
    public void Arabic_search_ignores_hamza_and_the_list_is_labelled()
    {
        using var _ = ResourceText.UseLanguage("ar");
        string? inserted = null;
        var picker = context.Render<CannedResponsePicker>(p => p
            .Add(x => x.Language, "ar")
            .Add(x => x.Responses, Responses)
            .Add(x => x.OnInsert, text => inserted = text));

        Assert.NotNull(picker.Find("label[for=canned-list]"));
        Assert.NotNull(picker.Find("label[for=canned-search]"));
        // The text has hamza (إلغاء), the query none.
        picker.Find("#canned-search").Input("الغاء");
        Assert.Equal(["إلغاء التسجيل"], picker.FindAll("#canned-list option").Select(o => o.TextContent));
        // The query has hamza (أستمارة), the text none (استمارة).
        picker.Find("#canned-search").Input("أستمارة");
        var option = Assert.Single(picker.FindAll("#canned-list option"));
        picker.Find("#canned-list").Change(option.GetAttribute("value"));
        picker.Find("#canned-insert").Click();
        Assert.Equal("تُرسل الاستمارة إلى مكتب المحافظة.", inserted);
    }

    public void Dispose() => context.Dispose();
}
