using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The vendor's fault switches as the world's: two replicas' copies over one store (Redis's part, a fake here).</summary>
public sealed class SharedCloudFaultsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly InMemoryFaultSwitchStore _store = new();
    private readonly (CloudFaults Copy, SharedCloudFaults Switches) _a;
    private readonly (CloudFaults Copy, SharedCloudFaults Switches) _b;

    public SharedCloudFaultsTests()
    {
        _a = Replica();
        _b = Replica();
        foreach (var replica in new[] { _a, _b })
        {
            _store.SubscribeAsync(() => replica.Switches.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        }
    }

    private (CloudFaults, SharedCloudFaults) Replica()
    {
        var copy = new CloudFaults();
        return (copy, new SharedCloudFaults(copy, _store, new UplinkRegistry(new FakeTimeProvider()), NullLogger<SharedCloudFaults>.Instance));
    }

    [Fact]
    public async Task An_outage_switched_on_one_replica_holds_on_the_other_and_only_the_first_switch_is_a_change()
    {
        var on = await _a.Switches.SetOutageAsync(true, CancellationToken.None).WaitAsync(Bound);
        Assert.True(on.Changed);
        Assert.True(_b.Copy.Outage);
        Assert.Equal([1, 1], _store.Acknowledged); // each replica says which version it applied: the writer waits on that

        // The same switch flipped again on the other replica: not a new fault (nothing to log).
        Assert.False((await _b.Switches.SetOutageAsync(true, CancellationToken.None).WaitAsync(Bound)).Changed);

        var off = await _b.Switches.SetOutageAsync(false, CancellationToken.None).WaitAsync(Bound);
        Assert.True(off.Changed);
        Assert.False(_a.Copy.Outage);
        Assert.False(_b.Copy.Outage);
    }

    [Fact]
    public async Task Latency_set_on_one_replica_holds_on_the_other_and_out_of_range_is_refused_everywhere()
    {
        Assert.True(await _a.Switches.SetLatencyAsync(250, CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(250, _b.Copy.LatencyMilliseconds);
        Assert.False(await _b.Switches.SetLatencyAsync(250, CancellationToken.None).WaitAsync(Bound));

        Assert.Null(await _b.Switches.SetLatencyAsync(CloudFaults.MaxLatencyMilliseconds + 1, CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(250, _a.Copy.LatencyMilliseconds);

        Assert.True(await _b.Switches.SetLatencyAsync(0, CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(0, _a.Copy.LatencyMilliseconds);
    }

    [Fact]
    public async Task Requests_read_the_replicas_copy_not_the_store()
    {
        await _a.Switches.SetOutageAsync(true, CancellationToken.None).WaitAsync(Bound);
        var reads = _store.Reads;

        for (var i = 0; i < 100; i++)
        {
            Assert.True(_b.Copy.Outage);
        }

        Assert.Equal(reads, _store.Reads);
    }
}
