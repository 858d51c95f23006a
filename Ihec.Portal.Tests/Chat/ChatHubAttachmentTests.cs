using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Shared.Files;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ihec.Portal.Tests.Chat.ChatPortal;

namespace Ihec.Portal.Tests.Chat;

/// <summary>
/// Attachments sent by a mobile client through the hub (<c>SendAttachment</c>, client-to-server streaming) over real
/// connections: the same checks, stripping, storage and idempotency as the pages, the file fetched with the connection's
/// own cookie, and nothing left behind by a refused or broken upload.
/// </summary>
public sealed class ChatHubAttachmentTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    private const int Chunk = 32 * 1024;

    private static readonly byte[] Gps = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 33.3152 GPSLongitude 44.3661");

    private static string NewId() => Guid.NewGuid().ToString("N");

    private string FilesFolder => Path.Combine(portal.DataFolder, "files");

    private string UploadFolder => portal.Services.GetRequiredService<IOptions<ChatOptions>>().Value.UploadFolder!;

    private int StoredFiles => Directory.Exists(FilesFolder) ? Directory.GetFiles(FilesFolder).Length : 0;

    private int FilesBeingReceived => Directory.Exists(UploadFolder) ? Directory.GetFiles(UploadFolder).Length : 0;

    private static async Task<ConversationView> StartAsync(HubConnection member)
    {
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "Upload " + NewId()[..6], "en");
        Assert.True(started.Succeeded, started.ErrorText);
        return started.Value!;
    }

    private static Task<ChatResult<ChatMessageView>> SendAttachmentAsync(HubConnection connection, Guid conversationId, string clientId, string? text,
        string fileName, IAsyncEnumerable<byte[]> content) =>
        connection.InvokeAsync<ChatResult<ChatMessageView>>("SendAttachment", conversationId, clientId, fileName, text, content);

    /// <summary>The file in chunks, as a phone sends it.</summary>
    private static async IAsyncEnumerable<byte[]> Chunks(byte[] content, int size = Chunk)
    {
        for (var offset = 0; offset < content.Length; offset += size)
        {
            await Task.Yield();
            yield return content[offset..Math.Min(content.Length, offset + size)];
        }
    }

    /// <summary>A stream that never ends on its own: a PNG header, then zeros, until the test stops it.</summary>
    private static async IAsyncEnumerable<byte[]> Endless(Counter sent, [EnumeratorCancellation] CancellationToken stop = default)
    {
        var first = new byte[Chunk];
        Png([]).AsSpan(0, 8).CopyTo(first);
        yield return first;
        sent.Add(first.Length);
        var zeros = new byte[Chunk];
        while (!stop.IsCancellationRequested)
        {
            await Task.Yield();
            yield return zeros;
            sent.Add(zeros.Length);
        }
    }

    private static async IAsyncEnumerable<byte[]> BreaksAfter(byte[] content, int chunks)
    {
        var i = 0;
        await foreach (var chunk in Chunks(content))
        {
            if (i++ == chunks)
            {
                throw new IOException("the phone lost its network");
            }

            yield return chunk;
        }
    }

    private sealed class Counter
    {
        private long total;

        public long Total => Interlocked.Read(ref total);

        public void Add(long bytes) => Interlocked.Add(ref total, bytes);
    }

    /// <summary>A hub client's HTTP client: the test server with the same cookie its connection carries.</summary>
    private async Task<HttpClient> HttpAsAsync(string email)
    {
        var client = new HttpClient(portal.Server.CreateHandler()) { BaseAddress = portal.Server.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", await portal.CookieAsync(email));
        return client;
    }

    private static byte[] Png(params byte[][] extraChunks)
    {
        var ihdr = PngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        var pixels = new byte[100 * 1024];
        Random.Shared.NextBytes(pixels);
        return [.. new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, .. ihdr, .. extraChunks.SelectMany(c => c), .. PngChunk("IDAT", pixels), .. PngChunk("IEND", [])];
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        return [.. length, .. Encoding.ASCII.GetBytes(type), .. data, 0, 0, 0, 0];
    }

    private async Task AssertNothingStoredAsync(Guid conversationId, int filesBefore)
    {
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Set<ChatMessage>().AnyAsync(m => m.ConversationId == conversationId));
        Assert.Equal(filesBefore, StoredFiles);
        Assert.Equal(0, FilesBeingReceived);
    }

    [Fact]
    public async Task A_photo_streamed_by_a_member_reaches_the_agent_live_and_is_stored_and_served_without_its_metadata()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        await using var agent = await portal.ConnectAsync(Media);
        var conversation = await StartAsync(member);
        var inbox = new Inbox<ChatMessageView>(agent, nameof(IChatClient.MessageReceived));
        await agent.InvokeAsync<ChatResult<IReadOnlyList<ChatMessageView>>>("Join", conversation.Id, 0L);
        var withMetadata = Png(PngChunk("eXIf", Gps), PngChunk("tEXt", Encoding.ASCII.GetBytes("Author\0Tammuz phone")));
        Assert.True(withMetadata.Length > 3 * Chunk);

        var sent = await SendAttachmentAsync(member, conversation.Id, NewId(), "polling station 14, after closing", "IMG_0042.png", Chunks(withMetadata));

        Assert.True(sent.Succeeded, sent.ErrorText);
        var attachment = sent.Value!.Attachment!;
        Assert.Equal(FileKind.Png, attachment.Kind);
        Assert.Equal("IMG_0042.png", attachment.Name);
        await inbox.WaitForAsync(m => m.Any(x => x.ConversationId == conversation.Id && x.Attachment?.Id == attachment.Id), "the message with its attachment");
        Assert.Equal("polling station 14, after closing", inbox.Items.Single(x => x.ConversationId == conversation.Id).Text);

        var response = await (await HttpAsAsync(Media)).GetAsync(attachment.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(withMetadata[..33], served[..33]); // the signature and the IHDR chunk
        Assert.Equal(withMetadata.Length - PngChunk("eXIf", Gps).Length - PngChunk("tEXt", Encoding.ASCII.GetBytes("Author\0Tammuz phone")).Length, served.Length);
        var asText = Encoding.ASCII.GetString(served);
        Assert.DoesNotContain("GPSLatitude", asText);
        Assert.DoesNotContain("Tammuz phone", asText);
        Assert.DoesNotContain("eXIf", asText);
        Assert.Equal(served.Length, attachment.Length);
        Assert.Equal(0, FilesBeingReceived);
    }

    [Fact]
    public async Task A_pdf_is_stored_as_sent_and_the_member_fetches_it_with_the_connections_cookie()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 200_000) + "\n%%EOF\n");

        var sent = await SendAttachmentAsync(member, conversation.Id, NewId(), null, "complaint.pdf", Chunks(pdf, 16 * 1024));

        Assert.True(sent.Succeeded, sent.ErrorText);
        Assert.Equal(FileKind.Pdf, sent.Value!.Attachment!.Kind);
        Assert.Equal("", sent.Value.Text);
        var response = await (await HttpAsAsync(TammuzMember)).GetAsync(sent.Value.Attachment.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_speaking_messagepack_sends_raw_byte_chunks_and_the_attachment_is_stored_once_with_the_same_bytes()
    {
        // MessagePack alone: if the hub did not offer it, the handshake would fail here.
        await using var member = await portal.ConnectAsync(TammuzMember, messagePack: true);
        var conversation = await StartAsync(member);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + i % 26))) + "\n%%EOF\n");
        var clientId = NewId();
        var filesBefore = StoredFiles;

        var sent = await SendAttachmentAsync(member, conversation.Id, clientId, "بلاغ", "statement.pdf", Chunks(pdf));
        var resent = await SendAttachmentAsync(member, conversation.Id, clientId, "بلاغ", "statement.pdf", Chunks(pdf));

        Assert.True(sent.Succeeded, sent.ErrorText);
        Assert.True(resent.Succeeded, resent.ErrorText);
        Assert.Equal(sent.Value!.Sequence, resent.Value!.Sequence);
        Assert.Equal(sent.Value.Attachment!.Url, resent.Value.Attachment!.Url);
        Assert.Equal("بلاغ", sent.Value.Text);
        Assert.Equal(FileKind.Pdf, sent.Value.Attachment!.Kind);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id && m.AttachmentFileId != null));
        }

        Assert.Equal(filesBefore + 1, StoredFiles);
        var response = await (await HttpAsAsync(TammuzMember)).GetAsync(sent.Value.Attachment.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, FilesBeingReceived);
    }

    [Fact]
    public async Task An_upload_passing_ten_megabytes_is_stopped_and_refused_in_the_connections_language_and_nothing_is_stored()
    {
        await using var member = await portal.ConnectAsync(TammuzMember, "ar");
        var conversation = await StartAsync(member);
        var filesBefore = StoredFiles;
        var sent = new Counter();
        using var stop = new CancellationTokenSource();

        // The client never ends its stream: the server must stop reading on its own once the limit is passed.
        var result = await SendAttachmentAsync(member, conversation.Id, NewId(), "big", "huge.png", Endless(sent, stop.Token))
            .WaitAsync(TimeSpan.FromMinutes(2));
        stop.Cancel();

        Assert.Equal(ChatError.AttachmentTooLarge, result.Error);
        Assert.Contains("المرفق كبير جداً", result.ErrorText);
        Assert.Contains("10", result.ErrorText);
        Assert.True(sent.Total > 10 * 1024 * 1024);
        await AssertNothingStoredAsync(conversation.Id, filesBefore);
        // The connection is still usable after the refused upload.
        var text = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", conversation.Id, NewId(), "still here");
        Assert.True(text.Succeeded, text.ErrorText);
    }

    [Fact]
    public async Task A_program_renamed_to_png_is_refused_by_its_content_and_nothing_is_stored()
    {
        await using var member = await portal.ConnectAsync(TammuzMember, "en");
        var conversation = await StartAsync(member);
        var filesBefore = StoredFiles;
        var exe = new byte[70_000];
        Random.Shared.NextBytes(exe);
        "MZ"u8.CopyTo(exe);

        var result = await SendAttachmentAsync(member, conversation.Id, NewId(), "see attached", "photo.png", Chunks(exe));

        Assert.Equal(ChatError.AttachmentWrongType, result.Error);
        Assert.Contains("must be an image", result.ErrorText);
        await AssertNothingStoredAsync(conversation.Id, filesBefore);
    }

    [Fact]
    public async Task A_stream_the_client_breaks_off_is_refused_and_leaves_nothing_behind()
    {
        await using var member = await portal.ConnectAsync(TammuzMember, "en");
        var conversation = await StartAsync(member);
        var filesBefore = StoredFiles;

        var result = await SendAttachmentAsync(member, conversation.Id, NewId(), null, "photo.png", BreaksAfter(Png(), 2));

        Assert.Equal(ChatError.AttachmentInterrupted, result.Error);
        Assert.Contains("nothing was stored", result.ErrorText);
        await AssertNothingStoredAsync(conversation.Id, filesBefore);
    }

    [Fact]
    public async Task A_resent_attachment_is_stored_once()
    {
        await using var member = await portal.ConnectAsync(TammuzMember);
        var conversation = await StartAsync(member);
        var filesBefore = StoredFiles;
        var clientId = NewId();
        var png = Png(PngChunk("eXIf", Gps));

        var first = await SendAttachmentAsync(member, conversation.Id, clientId, "once", "a.png", Chunks(png));
        // The acknowledgement was lost with the connection: the phone sends the same message again on a new one.
        await using var again = await portal.ConnectAsync(TammuzMember);
        var resent = await SendAttachmentAsync(again, conversation.Id, clientId, "once", "a.png", Chunks(png));

        Assert.True(first.Succeeded, first.ErrorText);
        Assert.True(resent.Succeeded, resent.ErrorText);
        Assert.Equal(first.Value!.Sequence, resent.Value!.Sequence);
        Assert.Equal(first.Value.Attachment!.Id, resent.Value.Attachment!.Id);
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id));
        Assert.Equal(filesBefore + 1, StoredFiles);
    }

    [Fact]
    public async Task Another_organisations_member_can_neither_send_an_attachment_to_the_conversation_nor_fetch_one_from_it()
    {
        await using var tammuz = await portal.ConnectAsync(TammuzMember);
        await using var kirkuk = await portal.ConnectAsync(KirkukMember);
        var conversation = await StartAsync(tammuz);
        var stored = await SendAttachmentAsync(tammuz, conversation.Id, NewId(), null, "badge.png", Chunks(Png()));
        Assert.True(stored.Succeeded, stored.ErrorText);
        var filesBefore = StoredFiles;

        var intruding = await SendAttachmentAsync(kirkuk, conversation.Id, NewId(), "intruding", "x.png", Chunks(Png()));
        var fetched = await (await HttpAsAsync(KirkukMember)).GetAsync(stored.Value!.Attachment!.Url);

        Assert.Equal(ChatError.NotFound, intruding.Error);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
        Assert.Equal(filesBefore, StoredFiles);
        Assert.Equal(0, FilesBeingReceived);
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.Set<ChatMessage>().CountAsync(m => m.ConversationId == conversation.Id));
    }
}
