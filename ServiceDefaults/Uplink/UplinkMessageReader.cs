using System.Buffers;
using System.Net.WebSockets;

namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>
/// Reads whole uplink WebSocket messages, however many fragments they arrive in; both ends use it.
/// An uplink is idle nearly all the time and a gateway holds a thousand of them (docs/worlds.md), so the
/// wait for the next message holds no buffer: a zero-byte receive waits for data (the managed WebSocket
/// passes it down to the stream as a zero-byte read), and only then is a pooled buffer rented, for as long
/// as the message takes to arrive.
/// </summary>
public static class UplinkMessageReader
{
    /// <summary>Largest frame accepted; real frames are a few hundred bytes, anything larger is a broken or hostile peer.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private const int FirstBufferBytes = 4096;

    /// <returns>The message, or null when the peer closed the socket.</returns>
    /// <exception cref="InvalidDataException">
    /// The message is larger than <see cref="MaxMessageBytes"/>; the socket has been closed with 1009 (message too big).
    /// </exception>
    public static async Task<UplinkMessage?> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var header = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
        if (header.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        if (header.EndOfMessage)
        {
            return new UplinkMessage(header.MessageType == WebSocketMessageType.Text, []);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }

                // One byte past the limit is enough to tell a message that is too large.
                var room = Math.Min(buffer.Length, MaxMessageBytes + 1) - length;
                var received = await socket.ReceiveAsync(buffer.AsMemory(length, room), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += received.Count;
                if (length > MaxMessageBytes)
                {
                    await CloseTooBigAsync(socket);
                    throw new InvalidDataException($"uplink message larger than {MaxMessageBytes} bytes");
                }

                if (received.EndOfMessage)
                {
                    return new UplinkMessage(received.MessageType == WebSocketMessageType.Text, buffer.AsSpan(0, length).ToArray());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxMessageBytes + 1));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static async Task CloseTooBigAsync(WebSocket socket)
    {
        try
        {
            // Bounded: a peer flooding the socket may not read our close.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "frame too large", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The link is already gone; the caller ends the session either way.
        }
    }
}
