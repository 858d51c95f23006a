using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Ihec.Portal.Infrastructure.Web;

/// <summary>
/// <c>HEAD</c> answered wherever <c>GET</c> is: link checkers (<c>wget --spider</c>), feed readers and uptime monitors
/// ask with it. Minimal APIs and Razor components map <c>GET</c> only and ASP.NET Core adds no <c>HEAD</c> of its own, so
/// the request is handed to the pipeline as a <c>GET</c> — routing, authentication, authorisation, localisation, the
/// output cache and the endpoint all run as for a <c>GET</c> — and whatever the endpoint writes is dropped: the same
/// status and headers, no body. It runs before routing, so every <c>GET</c> endpoint, present and future, is covered.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                return next(context);
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new DiscardedBody(body));
            // The server sees a HEAD again when the headers go out, so it adds no body framing of its own.
            context.Response.OnStarting(() =>
            {
                context.Request.Method = HttpMethods.Head;
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// The response's headers go out through the server's own body feature, started by the first write or flush as for
    /// a <c>GET</c> (so <c>HasStarted</c> means what it would mean); every byte written is dropped.
    /// </summary>
    private sealed class DiscardedBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        private Stream? stream;
        private PipeWriter? writer;

        public Stream Stream => stream ??= new StartingNullStream(inner);

        public PipeWriter Writer => writer ??= PipeWriter.Create(Stream, new StreamPipeWriterOptions(leaveOpen: true));

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            inner.StartAsync(cancellationToken);

        public async Task CompleteAsync()
        {
            if (writer is not null)
            {
                await writer.CompleteAsync();
            }

            await inner.CompleteAsync();
        }
    }

    private sealed class StartingNullStream(IHttpResponseBodyFeature inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.StartAsync().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => Flush();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(inner.StartAsync(cancellationToken));

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
