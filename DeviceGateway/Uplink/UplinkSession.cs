using System.Net.WebSockets;
using System.Threading.Channels;

namespace SmartHome.DeviceGateway.Uplink;

/// <summary>
/// One connected uplink: frames to send are queued and written by a single writer, in order,
/// so that results and device updates never interleave on the socket.
/// </summary>
internal sealed class UplinkSession(WebSocket socket)
{
    private readonly Channel<UplinkFrame> _outgoing =
        Channel.CreateUnbounded<UplinkFrame>(new UnboundedChannelOptions { SingleReader = true });

    public WebSocket Socket => socket;

    /// <returns>False once the session has ended.</returns>
    public bool TryEnqueue(UplinkFrame frame) => _outgoing.Writer.TryWrite(frame);

    public void Complete() => _outgoing.Writer.TryComplete();

    /// <summary>Writes queued frames until <see cref="Complete"/> or cancellation.</summary>
    public async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            var json = UplinkFrameSerializer.SerializeToUtf8Bytes(frame);
            await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }
}
