using SmartHome.VendorCloud.Faults;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The world's fault switches in memory (Redis's part), shared by the test's replicas; an announcement reaches every subscriber.</summary>
internal sealed class InMemoryFaultSwitchStore : IFaultSwitchStore
{
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private bool _outage;
    private int _latency;

    public int Reads { get; private set; }

    public Task<FaultsView> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(new FaultsView(_outage, _latency));
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

    public Task AnnounceAsync(CancellationToken cancellationToken)
    {
        Action[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber();
        }

        return Task.CompletedTask;
    }

    public Task SubscribeAsync(Action onChanged)
    {
        lock (_gate)
        {
            _subscribers.Add(onChanged);
        }

        return Task.CompletedTask;
    }
}
