using Bunit;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Chat.Components;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Components;

/// <summary>
/// A rendered count in each plural form (issue #19 item 7): the canned-response picker's "N matching responses"
/// for 0, 1, 2, 3, 11 and 100 in Arabic (six forms) and 1 and 2 in Sorani and English.
/// </summary>
public sealed class CountedPhraseTests : IDisposable
{
    private readonly BunitContext context = new();

    public CountedPhraseTests() => context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

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
