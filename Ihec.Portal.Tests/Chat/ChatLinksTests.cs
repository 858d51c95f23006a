using Ihec.Portal.Features.Chat;

namespace Ihec.Portal.Tests.Chat;

/// <summary>A message's text becomes text runs and links: only absolute http and https addresses are links, and markup is text.</summary>
public sealed class ChatLinksTests
{
    [Fact]
    public void Only_http_and_https_addresses_become_links_and_trailing_punctuation_stays_text()
    {
        var runs = ChatLinks.Split("انظر https://ihec.iq/ar/decisions?id=12، و javascript:alert(1) و <script>x</script> http://example.org.");

        Assert.Equal(["https://ihec.iq/ar/decisions?id=12", "http://example.org/"], runs.Where(r => r.Href is not null).Select(r => r.Href));
        Assert.Equal("انظر https://ihec.iq/ar/decisions?id=12، و javascript:alert(1) و <script>x</script> http://example.org.", string.Concat(runs.Select(r => r.Text)));
        Assert.Contains(runs, r => r.Href is null && r.Text.Contains("<script>x</script>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no links here")]
    [InlineData("https://user:secret@evil.example/")]
    [InlineData("https://")]
    public void Text_without_a_valid_address_is_one_text_run(string text)
    {
        Assert.All(ChatLinks.Split(text), r => Assert.Null(r.Href));
        Assert.Equal(text, string.Concat(ChatLinks.Split(text).Select(r => r.Text)));
    }
}
