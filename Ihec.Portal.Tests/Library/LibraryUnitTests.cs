using System.Text;
using Ihec.Portal.Features.Library;
using Ihec.Portal.Shared.Text;

namespace Ihec.Portal.Tests.Library;

public sealed class LibraryUnitTests
{
    [Fact]
    public void Icalendar_lines_fold_at_75_octets_without_splitting_a_character_and_unfold_to_the_original()
    {
        var title = string.Concat(Enumerable.Repeat("الاقتراع العام، في جميع المحافظات; ", 6));
        var writer = new ICalendarWriter();

        writer.Property("SUMMARY", title, "ar");
        var text = writer.ToString();

        Assert.All(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75));
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).TrimEnd('\r', '\n');
        Assert.Equal("SUMMARY;LANGUAGE=ar:" + ICalendarWriter.Escape(title), unfolded);
        Assert.Contains("\\;", unfolded);
        Assert.Contains("\\,", ICalendarWriter.Escape("a, b"));
    }

    [Theory]
    [InlineData("الإنتخابات", "الانتخابات")]
    [InlineData("اَلْاِنْتِخَابَات", "الانتخابات")]
    [InlineData("الحمـــلة", "الحمله")]
    [InlineData("مستوى", "مستوي")]
    [InlineData("آمِر", "امر")]
    [InlineData("٤٥/٢٠٢٣", "45/2023")]
    [InlineData("ناخبین", "ناخبين")]
    public void Arabic_folding_removes_spelling_differences_readers_ignore(string written, string folded)
    {
        Assert.Equal(folded, ScriptFolding.Fold(written, "ar"));
    }

    [Fact]
    public void Sorani_folding_keeps_Sorani_letters_and_folds_digits()
    {
        Assert.Equal("هەڵبژاردنی 2025", ScriptFolding.Fold("هەڵبژاردنی ٢٠٢٥", "ckb"));
    }

    [Theory]
    [InlineData("45", true)]
    [InlineData("45-A", true)]
    [InlineData("", false)]
    [InlineData("45/2023", false)]
    [InlineData("../x", false)]
    [InlineData("٤٥", false)]
    public void Document_numbers_are_safe_in_addresses(string number, bool valid)
    {
        Assert.Equal(valid, LibraryCatalog.IsValidNumber(number));
    }

    [Fact]
    public void Missing_translation_falls_back_to_the_arabic_and_says_so()
    {
        var document = new LibraryDocument { TitleAr = "عنوان", BodyAr = "نص", TitleEn = "Title", BodyEn = "Text" };

        var sorani = LibraryUi.Pick(document.Text, "ckb");
        var english = LibraryUi.Pick(document.Text, "en");
        var arabic = LibraryUi.Pick(document.Text, "ar");

        Assert.Equal(("ar", false, true), (sorani.Text.Language, sorani.IsTranslation, sorani.TranslationMissing));
        Assert.Equal(("en", true, false), (english.Text.Language, english.IsTranslation, english.TranslationMissing));
        Assert.Equal(("ar", false, false), (arabic.Text.Language, arabic.IsTranslation, arabic.TranslationMissing));
    }

    [Fact]
    public void Diff_shows_removed_and_added_lines_of_the_body()
    {
        var older = new LibraryVersion { VersionNumber = 1, TitleAr = "قرار", BodyAr = "السطر الأول\nالسطر الثاني" };
        var newer = new LibraryVersion { VersionNumber = 2, TitleAr = "قرار", BodyAr = "السطر الأول\nالسطر الثاني المعدل" };

        var diff = LibraryQueries.Diff(older, newer, "ar");

        Assert.False(diff.Single(d => d.Field == "Title").HasChanges);
        var body = diff.Single(d => d.Field == "Body");
        Assert.Contains(body.Lines, l => l.Change == DiffPlex.DiffBuilder.Model.ChangeType.Deleted && l.Text == "السطر الثاني");
        Assert.Contains(body.Lines, l => l.Change == DiffPlex.DiffBuilder.Model.ChangeType.Inserted && l.Text == "السطر الثاني المعدل");
    }
}
