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

    /// <summary>
    /// The count in each plural form (issue #19 item 7): "N matching responses" for 0, 1, 2, 3, 11 and 100 in Arabic
    /// (six forms) and 1 and 2 in Sorani and English.
    /// </summary>
    [Theory]
    [InlineData("ar", 0, "لا ردود مطابقة")]
    [InlineData("ar", 1, "رد مطابق واحد")]
    [InlineData("ar", 2, "ردّان مطابقان")]
    [InlineData("ar", 3, "3 ردود مطابقة")]
    [InlineData("ar", 11, "11 ردًا مطابقًا")]
    [InlineData("ar", 100, "100 رد مطابق")]
    [InlineData("ckb", 1, "1 وەڵامی گونجاو")]
    [InlineData("ckb", 2, "2 وەڵامی گونجاو")]
    [InlineData("en", 1, "1 matching response")]
    [InlineData("en", 2, "2 matching responses")]
    public void The_picker_writes_its_count_in_the_form_of_the_language(string language, int count, string expected)
    {
        using var _ = ResourceText.UseLanguage(language);
        // No matches: a list of one, filtered by a word it does not contain (the picker shows no count without responses).
        var responses = Enumerable.Range(1, Math.Max(1, count)).Select(i => new CannedResponseView(Guid.NewGuid(), $"T{i}", $"Text {i}")).ToList();
        var picker = context.Render<CannedResponsePicker>(p => p
            .Add(x => x.Language, language)
            .Add(x => x.Responses, responses)
            .Add(x => x.OnInsert, _ => { }));
        if (count == 0)
        {
            picker.Find("#canned-search").Input("zzqq");
        }

        Assert.Equal(expected, picker.Find("#canned-count").TextContent);
        Assert.Equal(ResourceText.Counted("Features/Chat/ChatOpsText", language, "PickerCount", count), expected);
    }

    public void Dispose() => context.Dispose();
}
