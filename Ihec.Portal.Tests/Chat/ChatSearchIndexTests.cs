using Ihec.Portal.Features.Chat;
using Lucene.Net.Store;

namespace Ihec.Portal.Tests.Chat;

/// <summary>The transcript index on its own (a real Lucene folder): analysis, folding, stemming and ordering.</summary>
public sealed class ChatSearchIndexTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ihec-portal-tests", "chat-index-" + Guid.NewGuid().ToString("N"));

    private ChatSearchIndex Open() => new(FSDirectory.Open(folder));

    private static ChatMessage Message(string text, DateTimeOffset? at = null) => new()
    {
        ConversationId = Guid.NewGuid(),
        Sequence = 1,
        AuthorName = "Someone",
        Text = text,
        CreatedAt = at ?? new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    // Arabic: the article, hamza and alef forms, taa marbuta, alef maqsura, proclitics, plural stemming.
    [InlineData("متى تبدأ الإنتخابات المحلية؟", "الانتخابات", true)]
    [InlineData("موعد انتخابات مجالس المحافظات", "الانتخابات", true)]
    [InlineData("موعد الانتخابات", "انتخابات", true)]
    [InlineData("الاستعداد للانتخابات", "الانتخابات", true)]
    [InlineData("أين المدرسة؟", "مدرسه", true)]
    [InlineData("نقل إلى المستشفى", "مستشفي", true)]
    [InlineData("بطاقة المراقب", "قائمة", false)]
    // Sorani: the definite plural ending, and Kurdish typed with Arabic letters.
    [InlineData("کاتی هەڵبژاردنەکان", "هەڵبژاردن", true)]
    [InlineData("کارتی چاودێری کەی دەدرێت؟", "كارتي چاودێری", true)]
    // English: case and stemming.
    [InlineData("When are the observers accredited?", "OBSERVER accrediting", true)]
    [InlineData("Registration closes on Monday", "registrations", true)]
    [InlineData("Registration closes on Monday", "ballot", false)]
    public void Words_are_found_in_their_folded_and_stemmed_forms(string text, string query, bool found)
    {
        using var index = Open();
        index.Add([Message(text)]);
        index.Commit(DateTimeOffset.UtcNow);

        Assert.Equal(found, index.Search(query, ChatSearchOrder.Relevance, 0, 10).Total == 1);
    }

    [Theory]
    // A message is analysed only in the languages its script can match; a mixed one in all three.
    [InlineData("متى تفتح مراكز الاقتراع", true, false)]
    [InlineData("کاتی هەڵبژاردنەکان", true, false)]
    [InlineData("Polling stations open at 7:00", false, true)]
    [InlineData("مركز الاقتراع polling station رقم 12", true, true)]
    [InlineData("12 / 7", false, false)]
    public void The_scripts_of_a_message_are_recognised(string text, bool arabicScript, bool latin) =>
        Assert.Equal((arabicScript, latin), ChatSearchIndex.Scripts(text));

    [Theory]
    // Mixed Arabic and English: found by the words of each language, each in its folded or stemmed form.
    [InlineData("الانتخابات")]
    [InlineData("stations")]
    [InlineData("الإنتخابات station")]
    [InlineData("12")]
    public void A_message_in_two_scripts_is_found_by_the_words_of_each(string query)
    {
        using var index = Open();
        index.Add([Message("موعد انتخابات مجالس المحافظات: polling station 12 opens at 7:00"), Message("ballot boxes arrive at noon")]);
        index.Commit(DateTimeOffset.UtcNow);

        Assert.Equal(1, index.Search(query, ChatSearchOrder.Relevance, 0, 10).Total);
    }

    /// <summary>The index fills one set of fields in for each message: each stored document is still its own message's.</summary>
    [Fact]
    public void Messages_indexed_together_each_keep_their_own_fields()
    {
        using var index = Open();
        var at = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var messages = Enumerable.Range(1, 6).Select(i => new ChatMessage
        {
            ConversationId = Guid.NewGuid(),
            Sequence = i * 10,
            AuthorName = "Author " + i,
            FromIhec = i % 2 == 0,
            Kind = i == 3 ? ChatMessageKind.PrivateNote : ChatMessageKind.Message,
            Text = (i % 2 == 0 ? "ballot " : "صندوق الاقتراع ") + "m" + i,
            CreatedAt = at.AddSeconds(i),
        }).ToList();
        index.Add(messages);
        index.Commit(at.AddSeconds(6));

        foreach (var message in messages)
        {
            var hit = Assert.Single(index.Search("m" + message.Sequence / 10, ChatSearchOrder.Relevance, 0, 10).Hits);
            Assert.Equal(
                (message.Id, message.ConversationId, message.Sequence, message.FromIhec, message.Kind, message.AuthorName),
                (hit.MessageId, hit.ConversationId, hit.Sequence, hit.FromIhec, hit.Kind, hit.AuthorName));
        }

        // The Arabic-script messages have no English field and the English ones no Arabic field.
        Assert.Equal(3, index.Search("ballot", ChatSearchOrder.Relevance, 0, 10).Total);
        Assert.Equal(3, index.Search("الاقتراع", ChatSearchOrder.Relevance, 0, 10).Total);
    }

    /// <summary>
    /// A message committed late, stamped before the watermark, is added without moving it: the next commit must still
    /// write it, or a restart would continue without it.
    /// </summary>
    [Fact]
    public void A_late_message_that_leaves_the_watermark_where_it_was_is_committed_too()
    {
        var at = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        using var index = Open();
        index.Add([Message("on time", at)]);
        index.Commit(at);
        index.Add([Message("stamped earlier, stored later", at.AddSeconds(-3))]);
        index.Advance(at);
        index.CommitPublished();

        // What a restart would find: the last commit on disk (the writer is still open, so nothing else is).
        using var committed = Lucene.Net.Index.DirectoryReader.Open(FSDirectory.Open(folder));
        Assert.Equal(2, committed.NumDocs);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Every_word_must_match_and_the_excerpt_marks_the_words_in_their_original_spelling()
    {
        using var index = Open();
        var filler = string.Concat(Enumerable.Repeat("كلام آخر ", 40));
        index.Add([Message(filler + "متى تبدأ الإنتخابات المحلية في المحافظة " + filler), Message("الانتخابات فقط")]);
        index.Commit(DateTimeOffset.UtcNow);

        var results = index.Search("الانتخابات المحليه", ChatSearchOrder.Relevance, 0, 10);

        var hit = Assert.Single(results.Hits);
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "الإنتخابات");
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "المحلية");
        Assert.StartsWith("…", hit.Snippet[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_come_best_first_or_newest_first_and_page()
    {
        using var index = Open();
        var start = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var weak = Message("a long message about many things and among them the word ballot once, then more words about other matters", start.AddMinutes(2));
        var strong = Message("ballot ballot", start);
        var middle = Message("the ballot box", start.AddMinutes(1));
        index.Add([weak, strong, middle]);
        index.Commit(start.AddMinutes(2));

        Assert.Equal([strong.Id, middle.Id, weak.Id], index.Search("ballot", ChatSearchOrder.Relevance, 0, 10).Hits.Select(h => h.MessageId));
        Assert.Equal([weak.Id, middle.Id, strong.Id], index.Search("ballot", ChatSearchOrder.Newest, 0, 10).Hits.Select(h => h.MessageId));
        var second = index.Search("ballot", ChatSearchOrder.Newest, 2, 2);
        Assert.Equal(3, second.Total);
        Assert.Equal([strong.Id], second.Hits.Select(h => h.MessageId));
    }

    [Fact]
    public void The_watermark_is_kept_in_the_commit_and_the_same_message_is_stored_once()
    {
        var at = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var message = Message("observer badges", at);
        using (var index = Open())
        {
            Assert.True(index.WasMissing);
            Assert.Null(index.Watermark);
            index.Add([message]);
            index.Add([message]);
            index.Commit(at);
        }

        using var reopened = Open();
        Assert.False(reopened.WasMissing);
        Assert.Equal(at, reopened.Watermark);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(message.ConversationId, Assert.Single(reopened.Search("badge", ChatSearchOrder.Relevance, 0, 10).Hits).ConversationId);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
