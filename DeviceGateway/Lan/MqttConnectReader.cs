using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>An MQTT CONNECT packet as it arrived (to be passed on unchanged) and the client id it names.</summary>
internal sealed record MqttConnectPacket(byte[] Packet, string ClientId);

/// <summary>
/// Reads the first packet of a connection, which MQTT requires to be CONNECT (3.1.1 and 5), far enough to learn the
/// client id: fixed header, protocol name and level, flags, keep-alive, MQTT 5 properties, then the client id.
/// Anything else (another packet first, a malformed or oversized one) is null: the relay drops the connection.
/// </summary>
internal static class MqttConnectReader
{
    // A CONNECT with credentials, a will and its properties; the plugs' are a few hundred bytes.
    private const int MaximumConnectBytes = 16 * 1024;
    private const byte ConnectPacketType = 0x10;

    public static async Task<MqttConnectPacket?> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = new List<byte>(5);
        var first = await ReadExactlyAsync(socket, 1, cancellationToken);
        if (first is null || first[0] != ConnectPacketType)
        {
            return null;
        }

        header.Add(first[0]);
        var remaining = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = await ReadExactlyAsync(socket, 1, cancellationToken);
            if (next is null || shift > 21)
            {
                return null;
            }

            header.Add(next[0]);
            remaining |= (next[0] & 0x7F) << shift;
            if ((next[0] & 0x80) == 0)
            {
                break;
            }
        }

        if (remaining > MaximumConnectBytes)
        {
            return null;
        }

        var body = remaining == 0 ? [] : await ReadExactlyAsync(socket, remaining, cancellationToken);
        if (body is null || ClientIdOf(body) is not { } clientId)
        {
            return null;
        }

        return new MqttConnectPacket([.. header, .. body], clientId);
    }

    /// <summary>The client id in a CONNECT's variable header and payload; null when malformed.</summary>
    public static string? ClientIdOf(ReadOnlySpan<byte> body)
    {
        if (!TrySkipString(ref body) || body.Length < 4)
        {
            return null;
        }

        var level = body[0];
        body = body[4..]; // level, flags, keep-alive
        if (level == 5)
        {
            if (!TryReadVariableInteger(ref body, out var propertiesLength) || propertiesLength > body.Length)
            {
                return null;
            }

            body = body[propertiesLength..];
        }

        if (body.Length < 2)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(body);
        return body.Length < 2 + length ? null : Encoding.UTF8.GetString(body.Slice(2, length));
    }

    private static bool TrySkipString(ref ReadOnlySpan<byte> body)
    {
        if (body.Length < 2)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (body.Length < 2 + length)
        {
            return false;
        }

        body = body[(2 + length)..];
        return true;
    }

    private static bool TryReadVariableInteger(ref ReadOnlySpan<byte> body, out int value)
    {
        value = 0;
        for (var i = 0; i < 4 && i < body.Length; i++)
        {
            value |= (body[i] & 0x7F) << (7 * i);
            if ((body[i] & 0x80) == 0)
            {
                body = body[(i + 1)..];
                return true;
            }
        }

        return false;
    }

    private static async Task<byte[]?> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var got = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (got == 0)
            {
                return null;
            }

            read += got;
        }

        return buffer;
    }
}
