using SmartHome.AssistantCloud.Tests;
using SmartHome.VendorCloud.Replicas;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests.Redis;

/// <summary>
/// When a home's uplink dropped is shared through the directory: a command landing on a replica that never held the
/// home names the moment as the holder would ("home uplink down since ...").
/// </summary>
public sealed class UplinkDropTimeTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset Dropped = new(2026, 12, 2, 11, 30, 15, TimeSpan.Zero);

    private RedisUplinkDirectory Replica(string id) => new(fixture.Redis, new VendorReplica(id, "test-machine", 1));

    [RedisFact]
    public async Task A_drop_recorded_by_the_holder_is_read_by_another_replica()
    {
        var home = "home-" + Guid.NewGuid().ToString("N");
        await Replica("a").RecordDroppedAsync(home, Dropped, CancellationToken.None);

        Assert.Equal(Dropped, await Replica("b").FindDroppedAtAsync(home, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_later_drop_replaces_the_earlier_and_a_home_never_dropped_has_none()
    {
        var home = "home-" + Guid.NewGuid().ToString("N");
        Assert.Null(await Replica("b").FindDroppedAtAsync(home, CancellationToken.None));

        await Replica("a").RecordDroppedAsync(home, Dropped, CancellationToken.None);
        await Replica("b").RecordDroppedAsync(home, Dropped.AddHours(1), CancellationToken.None);

        Assert.Equal(Dropped.AddHours(1), await Replica("a").FindDroppedAtAsync(home, CancellationToken.None));
    }
}
