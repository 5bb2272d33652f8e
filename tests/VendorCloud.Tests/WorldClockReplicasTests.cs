using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.AssistantCloud.Tests;
using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// A clock move with two replicas of a service: it is done only when every live replica has taken it, since the next
/// request may land on either (CI's cluster pass: a day moved, one vendor replica still on yesterday's clock).
/// </summary>
public sealed class WorldClockReplicasTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task A_replica_that_has_not_taken_the_move_keeps_its_service_not_applied_though_the_other_replica_has()
    {
        var service = "service-" + Guid.NewGuid().ToString("N");
        var store = new WorldStore(fixture.Redis);
        var member = await StartMemberAsync(service);
        var stuck = new WorldIdentity(service);
        try
        {
            await store.BeatAsync(stuck, (await store.ReadClockAsync()).Version, DateTimeOffset.UtcNow);

            var moved = await Coordinator(store).AdvanceClockAsync(TimeSpan.FromDays(1), CancellationToken.None).WaitAsync(Bound);

            Assert.Contains(service, moved.NotApplied);
            Assert.DoesNotContain(service, moved.Applied);
            var view = Assert.Single((await Coordinator(store).ViewAsync()).Services, s => s.Service == service);
            Assert.Equal(2, view.LiveReplicas);
            Assert.Equal(moved.Version - 1, view.ClockVersion);
        }
        finally
        {
            await store.LeaveAsync(stuck);
            await StopAsync(member);
        }
    }

    [RedisFact]
    public async Task A_move_is_applied_once_every_replica_has_acknowledged_it()
    {
        var service = "service-" + Guid.NewGuid().ToString("N");
        var store = new WorldStore(fixture.Redis);
        var first = await StartMemberAsync(service);
        var second = await StartMemberAsync(service);
        try
        {
            var moved = await Coordinator(store).AdvanceClockAsync(TimeSpan.FromDays(1), CancellationToken.None).WaitAsync(Bound);

            Assert.Contains(service, moved.Applied);
            Assert.Empty(moved.NotApplied);
            var view = Assert.Single((await Coordinator(store).ViewAsync()).Services, s => s.Service == service);
            Assert.Equal(2, view.LiveReplicas);
            Assert.Equal(moved.Version, view.ClockVersion);
        }
        finally
        {
            await StopAsync(second);
            await StopAsync(first);
        }
    }

    [RedisFact]
    public async Task A_replica_that_left_is_not_waited_for_and_a_silent_one_is_forgotten()
    {
        var service = "service-" + Guid.NewGuid().ToString("N");
        var store = new WorldStore(fixture.Redis);
        var member = await StartMemberAsync(service);
        var left = new WorldIdentity(service);
        var killed = new WorldIdentity(service);
        try
        {
            var version = (await store.ReadClockAsync()).Version;
            await store.BeatAsync(left, version, DateTimeOffset.UtcNow);
            await store.LeaveAsync(left);
            await store.BeatAsync(killed, version, DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

            var moved = await Coordinator(store).AdvanceClockAsync(TimeSpan.FromDays(1), CancellationToken.None).WaitAsync(Bound);

            Assert.Contains(service, moved.Applied);
            Assert.Equal(1, await store.ForgetSilentReplicasAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10)));
            var replicas = (await store.ReplicasAsync()).Where(r => r.Service == service).ToList();
            Assert.Equal(member.Identity.Replica, Assert.Single(replicas).Replica);
        }
        finally
        {
            await StopAsync(member);
        }
    }

    private static WorldCoordinator Coordinator(WorldStore store) => new(store, new SimulationClock());

    private async Task<(WorldMember Member, WorldIdentity Identity)> StartMemberAsync(string service)
    {
        var services = new ServiceCollection()
            .AddSingleton(fixture.Redis)
            .AddSingleton<WorldStore>()
            .BuildServiceProvider();
        var identity = new WorldIdentity(service);
        var member = new WorldMember(services, new SimulationClock(), identity, NullLogger<WorldMember>.Instance);
        await member.StartAsync(CancellationToken.None).WaitAsync(Bound);
        // Started means the clock is loaded; live means the first heartbeat is in.
        using var timeout = new CancellationTokenSource(Bound);
        while (!(await new WorldStore(fixture.Redis).ReplicasAsync()).Any(r => r.Replica == identity.Replica))
        {
            await Task.Delay(20, timeout.Token);
        }

        return (member, identity);
    }

    private static async Task StopAsync((WorldMember Member, WorldIdentity Identity) started)
    {
        await started.Member.StopAsync(CancellationToken.None).WaitAsync(Bound);
        started.Member.Dispose();
    }
}
