using System.Net.Sockets;

namespace SmartHome.SimulatedPlug.Radio;

/// <summary>
/// One TCP connection over the plug's radio. When the radio goes off the link goes silent, as a
/// real one does: what is written vanishes, nothing more is read, and the socket is not closed (no
/// FIN, no MQTT DISCONNECT), so the broker only learns of it when keep-alive lapses.
/// </summary>
internal sealed class RadioLink(Socket socket) : Stream
{
    private readonly NetworkStream _network = new(socket, ownsSocket: true);
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _silent;
    private volatile bool _closed;

    public bool IsSilent => _silent;

    /// <summary>The radio went off.</summary>
    public void GoSilent() => _silent = true;

    /// <summary>Really closes the socket; the radio does so when it is back on.</summary>
    public void CloseSocket()
    {
        _closed = true;
        _abandoned.TrySetResult();
        _network.Dispose();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_silent)
        {
            var read = await _network.ReadAsync(buffer, cancellationToken);
            if (!_silent)
            {
                return read;
            }
        }

        // Nothing reaches a radio that is off: wait until the client gives the link up.
        await _abandoned.Task.WaitAsync(cancellationToken);
        return 0;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _silent ? ValueTask.CompletedTask : _network.WriteAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _silent ? Task.CompletedTask : _network.FlushAsync(cancellationToken);

    public override void Flush()
    {
        if (!_silent)
        {
            _network.Flush();
        }
    }

    public override bool CanRead => !_closed;

    public override bool CanWrite => !_closed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The client gives the link up. A silent link keeps its socket open (a FIN would tell the
        // broker at once) until the radio is back; a live one closes as usual.
        _abandoned.TrySetResult();
        if (disposing && !_silent)
        {
            CloseSocket();
        }

        base.Dispose(disposing);
    }
}
