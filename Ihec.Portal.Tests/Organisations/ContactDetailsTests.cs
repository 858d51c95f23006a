using Ihec.Portal.Shared.Files;
using Ihec.Portal.Shared.Organisations;

namespace Ihec.Portal.Tests.Organisations;

public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("0770 123 4567", "+9647701234567")]
    [InlineData("07701234567", "+9647701234567")]
    [InlineData("0750-123-4567", "+9647501234567")]
    [InlineData("+964 770 123 4567", "+9647701234567")]
    [InlineData("00964 770 123 4567", "+9647701234567")]
    [InlineData("+964 (770) 123-4567", "+9647701234567")]
    [InlineData("٠٧٧٠ ١٢٣ ٤٥٦٧", "+9647701234567")]
    [InlineData("۰۷۵۰ ۱۲۳ ۴۵۶۷", "+9647501234567")]
    [InlineData("\u200E+964 770 123 4567", "+9647701234567")]
    [InlineData("01 555 1234", "+96415551234")]
    [InlineData("066 222 3344", "+964662223344")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 202 555 0143", "+12025550143")]
    public void Iraqi_and_international_numbers_are_accepted_and_normalised(string typed, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Normalise(typed));
        Assert.True(PhoneNumbers.IsValid(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("0770 123 456")]
    [InlineData("0770 123 45678")]
    [InlineData("0720 123 4567")]
    [InlineData("+964 770 123 456")]
    [InlineData("+964 0770 123 4567")]
    [InlineData("+0 123 456 789")]
    [InlineData("+1234567890123456")]
    [InlineData("770 123 4567")]
    [InlineData("0770-CALL-ME")]
    [InlineData("phone: 0770 123 4567")]
    [InlineData(null)]
    public void Implausible_numbers_are_refused(string? typed)
    {
        Assert.Null(PhoneNumbers.Normalise(typed));
        Assert.False(PhoneNumbers.IsValid(typed));
    }

    [Theory]
    [InlineData("contact@example.org", true)]
    [InlineData("first.last+cso@mail.example.iq", true)]
    [InlineData("  Contact@Example.ORG ", true)]
    [InlineData("no-at-sign.example.org", false)]
    [InlineData("two@@example.org", false)]
    [InlineData("name@localhost", false)]
    [InlineData("name@example.o", false)]
    [InlineData("with space@example.org", false)]
    [InlineData("o'brien@example.org", false)]
    [InlineData("name@-example.org", false)]
    [InlineData("<script>@example.org", false)]
    [InlineData("", false)]
    public void Email_addresses_must_be_usable_as_account_names(string email, bool valid)
    {
        Assert.Equal(valid, EmailAddresses.IsValid(email));
    }

    [Fact]
    public void Email_addresses_are_compared_trimmed_and_lower_case()
    {
        Assert.Equal("contact@example.org", EmailAddresses.Normalise("  Contact@Example.ORG "));
    }

    [Theory]
    [InlineData("NGO-1A-00101", "NGO-1A-00101")]
    [InlineData("  ngo-1a-00101 ", "NGO-1A-00101")]
    [InlineData("م ن/١٢٣", "م ن/123")]
    [InlineData("NGO   1A   7", "NGO 1A 7")]
    public void Registration_numbers_are_normalised_before_comparison(string typed, string stored)
    {
        Assert.True(RegistrationNumbers.IsValid(typed));
        Assert.Equal(stored, RegistrationNumbers.Normalise(typed));
    }

    [Theory]
    [InlineData("NGO-ABC")]
    [InlineData("-123")]
    [InlineData("123;DROP")]
    [InlineData("<b>1</b>")]
    [InlineData("")]
    public void Registration_numbers_without_a_digit_or_with_odd_characters_are_refused(string typed)
    {
        Assert.False(RegistrationNumbers.IsValid(typed));
    }

    [Theory]
    [InlineData("https://tammuz.example.org", true)]
    [InlineData("http://www.example.iq/about", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hello", false)]
    [InlineData("ftp://example.org", false)]
    [InlineData("//example.org", false)]
    [InlineData("example.org", false)]
    [InlineData("https://localhost", false)]
    [InlineData("https://user:secret@example.org", false)]
    public void Websites_must_be_http_or_https_addresses(string address, bool valid)
    {
        Assert.Equal(valid, WebAddresses.IsValid(address));
    }

    [Theory]
    [InlineData("certificate.pdf", FileKind.Pdf, "certificate.pdf")]
    [InlineData("C:\\Users\\me\\scan.JPEG", FileKind.Jpeg, "scan.jpeg")]
    [InlineData("../../etc/passwd", FileKind.Pdf, "passwd.pdf")]
    [InlineData("photo.png", FileKind.Jpeg, "photo.jpg")]
    [InlineData("letter.pdf.exe", FileKind.Pdf, "letter.pdf.pdf")]
    [InlineData("", FileKind.Png, "document.png")]
    [InlineData("bad\"<name>.pdf", FileKind.Pdf, "badname.pdf")]
    public void Document_names_lose_their_path_and_get_the_extension_of_their_content(string name, FileKind kind, string expected)
    {
        Assert.Equal(expected, DocumentNames.Sanitise(name, kind));
    }

    [Fact]
    public void Secret_token_matches_only_its_own_hash()
    {
        var (token, hash) = SecretTokens.Create();
        var (other, _) = SecretTokens.Create();

        Assert.True(SecretTokens.Matches(token, hash));
        Assert.False(SecretTokens.Matches(other, hash));
        Assert.False(SecretTokens.Matches("", hash));
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
    }
}
