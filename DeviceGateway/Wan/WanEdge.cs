using System.Collections.Concurrent;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>
/// The home's broadband link: up or down, and the proxied connections that go through it, so that
/// taking it down cuts them the way a dead line does (no close handshake).
/// </summary>
internal sealed partial class WanEdge(TimeProvider timeProvider, ILogger<WanEdge> logger)
{
    private readonly ConcurrentDictionary<long, Action> _open = new();
    private readonly Lock _lock = new();
    private long _nextId;
    private volatile bool _up = true;
    // Completed while up; replaced by a new one when the line goes down.
    private TaskCompletionSource _upSignal = Completed();

    public bool IsUp => _up;

    /// <summary>Completes when the line is (or comes back) up: the hub's uplink waits on it instead of dialing into a dead line.</summary>
    public Task WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _upSignal.Task.WaitAsync(cancellationToken);
        }
    }

    public DateTimeOffset Since { get; private set; } = timeProvider.GetUtcNow();

    public int OpenConnections => _open.Count;

    /// <summary>Tracks an open proxied connection; <paramref name="abort"/> cuts it. Dispose when it ends.</summary>
    public IDisposable Track(Action abort)
    {
        var id = Interlocked.Increment(ref _nextId);
        _open[id] = abort;
        if (!_up)
        {
            // Went down between the middleware's check and here.
            Cut(id);
        }

        return new Registration(this, id);
    }

    public void SetUp()
    {
        lock (_lock)
        {
            if (_up)
            {
                return;
            }

            _up = true;
            Since = timeProvider.GetUtcNow();
            _upSignal.TrySetResult();
        }

        LogBroadband(logger, "up", 0);
    }

    public void SetDown()
    {
        lock (_lock)
        {
            if (_up)
            {
                _up = false;
                Since = timeProvider.GetUtcNow();
                _upSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        var cut = 0;
        foreach (var id in _open.Keys)
        {
            cut += Cut(id) ? 1 : 0;
        }

        LogBroadband(logger, "down", cut);
    }

    private static TaskCompletionSource Completed()
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        completed.SetResult();
        return completed;
    }

    private bool Cut(long id)
    {
        if (!_open.TryRemove(id, out var abort))
        {
            return false;
        }

        abort();
        return true;
    }

    private sealed class Registration(WanEdge edge, long id) : IDisposable
    {
        public void Dispose() => edge._open.TryRemove(id, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadband is {State}; {Cut} proxied connection(s) cut")]
    private static partial void LogBroadband(ILogger logger, string state, int cut);
}
