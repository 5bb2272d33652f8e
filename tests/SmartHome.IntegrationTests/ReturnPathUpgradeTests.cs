using StackExchange.Redis;

namespace SmartHome.IntegrationTests;

/// <summary>
/// A store from before the return path: the owner's link, but no event grant on either side (as a link made by an
/// older version, or one whose AcceptGrant the vendor never answered). The seeding keeps the link as it is; the
/// assistant's event grant backfill sends AcceptGrant when it starts, and the owner's button presses reach it again.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathUpgradeTests(ReturnPathAppFixture fixture)
{
    [Fact]
    public async Task ALinkWithoutAnEventGrantGetsOneWhenTheAssistantStartsAndAButtonPressThenReachesTheAssistant()
    {
        await fixture.EnsureLinkedAsync();
        // The link's own AcceptGrant runs on its own: let it finish first, or it could write its grant after the forgetting.
        await fixture.WaitForEventGrantOnBothSidesAsync("the link's own AcceptGrant is done on both sides");
        await ForgetTheEventGrantOnBothSidesAsync();
        Assert.Null(await fixture.EventGrantAsync());
        Assert.Equal("none", (await fixture.VendorAssistantGrantAsync())["state"]!.GetValue<string>());

        await fixture.RestartResourceAsync("assistantcloud");

        // Both sides: the assistant's grant turns active a moment before the vendor has stored its tokens (a gap a Redis
        // Cluster with two replicas of each cloud made wide enough to fail a check of the vendor's side right after).
        await fixture.WaitForEventGrantOnBothSidesAsync("the restarted assistant sends AcceptGrant for the link that has no event grant, and the vendor stores its tokens");
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);

        var (power, took) = await fixture.PressAndWaitForChangeReportAsync();
        Assert.Equal((await fixture.GetPlugStateAsync()).Power, power, ignoreCase: true);
        Console.WriteLine($"after the backfill, button press to the assistant's state: {took.TotalMilliseconds:0} ms");
    }

    /// <summary>Deletes what the return path stores for the owner: the assistant's grant and facts, the vendor's tokens and grant state.</summary>
    private async Task ForgetTheEventGrantOnBothSidesAsync()
    {
        using var cts = new CancellationTokenSource(Wire.RequestTimeout);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.GetRedisConnectionStringAsync(cts.Token)).WaitAsync(cts.Token);
        var database = redis.GetDatabase();
        // One key a DEL: on a Redis Cluster (SMARTHOME_REDIS_MODE=cluster) the two are in different slots.
        await database.KeyDeleteAsync($"assistant:evgw:grants:owner:{World.Skill}");
        await database.KeyDeleteAsync($"assistant:evgw:return-path:owner:{World.Skill}");
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: "vendor:assistant-grant:*").WithCancellation(cts.Token))
            {
                await database.KeyDeleteAsync(key);
            }
        }
    }
}
