namespace Ihec.Portal.Features.Chat;

/// <summary>
/// A client-to-server stream as <see cref="ChatHub.SendAttachment"/> hands it to the service. SignalR completes a stream's
/// buffer when the hub method returns; if the client is still sending and the buffer is full at that moment, the pending
/// write fails and SignalR closes the whole connection. So when the service stops reading early (the file passed the
/// limit, the conversation is not the caller's, a resend), the enumerator's disposal does not stop the stream: it goes on
/// emptying the buffer, discarding every chunk, from that instant until SignalR completes it just after the call returns.
/// </summary>
internal sealed class ChatUploadStream(IAsyncEnumerable<byte[]> content) : IAsyncEnumerable<byte[]>
{
    private int read;

    public IAsyncEnumerator<byte[]> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref read, 1);
        return new Enumerator(content.GetAsyncEnumerator(cancellationToken));
    }

    /// <summary>When the call ends without having read the stream at all: empties it, discarding every chunk.</summary>
    public void DiscardIfUnread()
    {
        if (Interlocked.Exchange(ref read, 1) == 0)
        {
            _ = new Enumerator(content.GetAsyncEnumerator()).DisposeAsync();
        }
    }

    private sealed class Enumerator(IAsyncEnumerator<byte[]> inner) : IAsyncEnumerator<byte[]>
    {
        private bool ended;

        public byte[] Current => inner.Current;

        public async ValueTask<bool> MoveNextAsync()
        {
            try
            {
                var more = await inner.MoveNextAsync();
                ended = !more;
                return more;
            }
            catch
            {
                ended = true;
                throw;
            }
        }

        public ValueTask DisposeAsync()
        {
            if (ended)
            {
                return inner.DisposeAsync();
            }

            // Started here and not awaited: it empties what is buffered now, then takes each chunk as it arrives.
            _ = DiscardRestAsync();
            return ValueTask.CompletedTask;
        }

        private async Task DiscardRestAsync()
        {
            try
            {
                while (await inner.MoveNextAsync())
                {
                }
            }
            catch (Exception)
            {
                // The client broke its stream off, or the connection ended: there is nothing left to empty.
            }
            finally
            {
                await inner.DisposeAsync();
            }
        }
    }
}
