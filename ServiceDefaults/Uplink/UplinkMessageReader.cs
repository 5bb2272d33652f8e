using System.Net.WebSockets;

namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>Reads whole uplink WebSocket messages, however many fragments they arrive in; both ends use it.</summary>
public static class UplinkMessageReader
{
    /// <summary>Largest frame accepted; real frames are a few hundred bytes, anything larger is a broken or hostile peer.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <returns>The message, or null when the peer closed the socket.</returns>
    /// <exception cref="InvalidDataException">
    /// The message is larger than <see cref="MaxMessageBytes"/>; the socket has been closed with 1009 (message too big).
    /// </exception>
    public static async Task<UplinkMessage?> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var chunk = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(chunk.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (message.Length + received.Count > MaxMessageBytes)
            {
                await CloseTooBigAsync(socket);
                throw new InvalidDataException($"uplink message larger than {MaxMessageBytes} bytes");
            }

            message.Write(chunk, 0, received.Count);
            if (received.EndOfMessage)
            {
                return new UplinkMessage(received.MessageType == WebSocketMessageType.Text, message.ToArray());
            }
        }
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
