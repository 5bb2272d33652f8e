using SmartHome.VendorCloud.Faults;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The world's fault switches in memory (Redis's part), shared by the test's replicas; an announcement reaches every subscriber.</summary>
internal sealed class InMemoryFaultSwitchStore : IFaultSwitchStore
{
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private bool _outage;
    private int _latency;
    private long _version;
    private readonly List<long> _acknowledged = [];

    public int Reads { get; private set; }

    public Task<StoredFaults> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(new StoredFaults(_outage, _latency, _version));
        }
    }

    public Task<bool> SwapOutageAsync(bool on, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            (var previous, _outage) = (_outage, on);
            return Task.FromResult(previous);
        }
    }

    public Task<int> SwapLatencyAsync(int milliseconds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            (var previous, _latency) = (_latency, milliseconds);
            return Task.FromResult(previous);
        }
    }

    /// <summary>Every version a replica said it applied, in order.</summary>
    public long[] Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return [.. _acknowledged];
            }
        }
    }

    public Task<long> AnnounceAsync(CancellationToken cancellationToken)
    {
        Action[] subscribers;
        long version;
        lock (_gate)
        {
            version = ++_version;
            subscribers = [.. _subscribers];
        }

        // Synchronously, as if every replica heard at once: nothing is left to wait for.
        foreach (var subscriber in subscribers)
        {
            subscriber();
        }

        return Task.FromResult(version);
    }

    public Task AcknowledgeAsync(long version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _acknowledged.Add(version);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> WaitForReplicasAsync(long version, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task SubscribeAsync(Action onChanged)
    {
        lock (_gate)
        {
            _subscribers.Add(onChanged);
        }

        return Task.CompletedTask;
    }
}
