using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// One home's connected uplink WebSocket: serialises writes (WebSocket allows one writer at a time)
/// and pairs each command with its result by command id.
/// </summary>
internal sealed class UplinkConnection(string homeId, WebSocket socket)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ResultFrame>> _pending = new();
    private readonly CancellationTokenSource _closed = new();

    public string HomeId { get; } = homeId;

    public WebSocket Socket { get; } = socket;

    /// <summary>Cancelled when the connection is closed or replaced.</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsOpen => !_closed.IsCancellationRequested && Socket.State == WebSocketState.Open;

    /// <summary>Registers the command as pending before it is written, so that a fast result is not missed.</summary>
    public Task<ResultFrame> ExpectResult(string commandId)
    {
        var pending = new TaskCompletionSource<ResultFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[commandId] = pending;
        if (_closed.IsCancellationRequested)
        {
            pending.TrySetException(new UplinkClosedException(HomeId));
        }

        return pending.Task;
    }

    public void ForgetResult(string commandId) => _pending.TryRemove(commandId, out _);

    /// <summary>Completes the pending command; false when no command with that id is waiting.</summary>
    public bool CompleteResult(ResultFrame result) =>
        _pending.TryRemove(result.Id, out var pending) && pending.TrySetResult(result);

    public async Task SendAsync(string frameJson, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            await Socket.SendAsync(Encoding.UTF8.GetBytes(frameJson), WebSocketMessageType.Text, endOfMessage: true, linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException && _closed.IsCancellationRequested)
        {
            throw new UplinkClosedException(HomeId);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Marks the connection closed and fails every pending command at once.</summary>
    public void MarkClosed()
    {
        // Cancel first: a command registering concurrently then either sees the cancellation or is failed below.
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
        }

        FailPending();
    }

    private void FailPending()
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(new UplinkClosedException(HomeId));
            }
        }
    }

    /// <summary>
    /// Closes with the whole handshake, as a cloud shutting down does: pending commands fail at once, the close
    /// frame goes out, and the receive loop reads the gateway's reply and ends the connection. A gateway that
    /// does not reply within <paramref name="bound"/> is cut.
    /// </summary>
    public async Task ShutdownAsync(WebSocketCloseStatus status, string reason, TimeSpan bound)
    {
        FailPending();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = Closed.Register(() => ended.TrySetResult());
        try
        {
            using var timeout = new CancellationTokenSource(bound);
            await Socket.CloseOutputAsync(status, reason, timeout.Token);
            await ended.Task.WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Socket.Abort();
        }
        finally
        {
            MarkClosed();
        }
    }

    /// <summary>Closes the socket politely (bounded), e.g. when a newer uplink of the same home replaces this one.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        FailPending();
        try
        {
            // The close frame goes out before the receive loop is cancelled: cancelling a receive aborts the socket.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Socket.Abort();
        }
        finally
        {
            MarkClosed();
        }
    }
}

/// <summary>The home's uplink closed (or never existed) while a command needed it.</summary>
internal sealed class UplinkClosedException(string homeId) : Exception($"The uplink of home {homeId} is closed.");
