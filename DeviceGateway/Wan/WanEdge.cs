using System.Collections.Concurrent;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>
/// The home's broadband link: up or down, and the proxied connections that go through it, so that
/// taking it down cuts them the way a dead line does (no close handshake).
/// </summary>
internal sealed partial class WanEdge(TimeProvider timeProvider, ILogger<WanEdge> logger)
{
    private readonly ConcurrentDictionary<long, Action> _open = new();
    private readonly OpenSignal _line = new();
    private long _nextId;

    public bool IsUp => _line.IsOpen;

    /// <summary>Completes when the line is (or comes back) up: the hub's uplink waits on it instead of dialing into a dead line.</summary>
    public Task WaitUntilUpAsync(CancellationToken cancellationToken) => _line.WaitUntilOpenAsync(cancellationToken);

    public DateTimeOffset Since { get; private set; } = timeProvider.GetUtcNow();

    public int OpenConnections => _open.Count;

    /// <summary>Tracks an open proxied connection; <paramref name="abort"/> cuts it. Dispose when it ends.</summary>
    public IDisposable Track(Action abort)
    {
        var id = Interlocked.Increment(ref _nextId);
        _open[id] = abort;
        if (!IsUp)
        {
            // Went down between the middleware's check and here.
            Cut(id);
        }

        return new Registration(this, id);
    }

    public void SetUp()
    {
        if (_line.Open())
        {
            Since = timeProvider.GetUtcNow();
            LogBroadband(logger, "up", 0);
        }
    }

    public void SetDown()
    {
        if (_line.Close())
        {
            Since = timeProvider.GetUtcNow();
        }

        var cut = 0;
        foreach (var id in _open.Keys)
        {
            cut += Cut(id) ? 1 : 0;
        }

        LogBroadband(logger, "down", cut);
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
