using System.Net.WebSockets;

namespace SmartHome.DeviceGateway.Uplink;

/// <summary>Reads whole WebSocket messages, however many fragments they arrive in.</summary>
internal static class UplinkMessageReader
{
    /// <summary>Largest frame accepted; real frames are a few hundred bytes.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <returns>The message, or null when the peer closed the socket.</returns>
    /// <exception cref="InvalidDataException">The message is larger than <see cref="MaxMessageBytes"/>.</exception>
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
                throw new InvalidDataException($"uplink message larger than {MaxMessageBytes} bytes");
            }

            message.Write(chunk, 0, received.Count);
            if (received.EndOfMessage)
            {
                return new UplinkMessage(received.MessageType == WebSocketMessageType.Text, message.ToArray());
            }
        }
    }
}
