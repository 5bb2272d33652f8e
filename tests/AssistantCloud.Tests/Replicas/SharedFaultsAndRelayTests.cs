using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Tests.Replicas;

/// <summary>Two "replicas" on one real Redis: fault switches and deferred Responses are the world's.</summary>
public class SharedFaultsAndRelayTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [RedisFact]
    public async Task A_fault_switched_on_one_replica_is_on_at_the_other_and_logged_once_per_start_and_end()
    {
        var (copyA, copyB) = (new AssistantFaults(), new AssistantFaults());
        var (logA, logB) = (new RecordingLogger<SharedAssistantFaults>(), new RecordingLogger<SharedAssistantFaults>());
        var replicaA = new SharedAssistantFaults(copyA, logA, fixture.Redis);
        var replicaB = new SharedAssistantFaults(copyB, logB, fixture.Redis);
        await replicaA.SetOutageAsync(false, CancellationToken.None);
        await replicaA.SetEventGatewayDownAsync(false, CancellationToken.None);
        logA.Lines.Clear();

        await replicaA.SetOutageAsync(true, CancellationToken.None);
        await replicaB.SetOutageAsync(true, CancellationToken.None); // the same switch again, on the other replica
        await replicaB.ReloadAsync(CancellationToken.None);
        await replicaA.ReloadAsync(CancellationToken.None);
        Assert.True(copyA.Outage);
        Assert.True(copyB.Outage);
        Assert.False(copyB.EventGatewayDown);

        await replicaB.SetOutageAsync(false, CancellationToken.None);
        await replicaA.ReloadAsync(CancellationToken.None);
        Assert.False(copyA.Outage);

        string[] lines = [.. logA.Lines, .. logB.Lines];
        Assert.Equal(["Simulated assistant cloud outage started", "Simulated assistant cloud outage ended"], lines);
    }

    [RedisFact]
    public async Task The_follower_applies_a_switch_made_elsewhere_without_a_request_paying_for_it()
    {
        var copy = new AssistantFaults();
        var follower = new SharedAssistantFaultsService(new SharedAssistantFaults(copy, NullLogger<SharedAssistantFaults>.Instance, fixture.Redis),
            NullLogger<SharedAssistantFaultsService>.Instance, fixture.Redis);
        var elsewhere = new SharedAssistantFaults(new AssistantFaults(), NullLogger<SharedAssistantFaults>.Instance, fixture.Redis);
        await elsewhere.SetEventGatewayDownAsync(false, CancellationToken.None);
        await follower.StartAsync(CancellationToken.None);
        try
        {
            await elsewhere.SetEventGatewayDownAsync(true, CancellationToken.None);
            await WaitUntilAsync(() => copy.EventGatewayDown);
            await elsewhere.SetEventGatewayDownAsync(false, CancellationToken.None);
            await WaitUntilAsync(() => !copy.EventGatewayDown);
        }
        finally
        {
            await follower.StopAsync(CancellationToken.None);
        }
    }

    [RedisFact]
    public async Task A_switch_returns_once_the_other_live_replica_has_applied_it()
    {
        var service = "assistant-switch-test-" + Guid.NewGuid().ToString("N");
        var (a, b) = (Replica(service), Replica(service));
        var follower = new SharedAssistantFaultsService(b.Switches, NullLogger<SharedAssistantFaultsService>.Instance, fixture.Redis);
        await follower.StartAsync(CancellationToken.None);
        try
        {
            await a.Switches.SetOutageAsync(false, CancellationToken.None).WaitAsync(Wait);
            await a.Switches.SetOutageAsync(true, CancellationToken.None).WaitAsync(Wait);
            Assert.True(b.Copy.Outage); // at once: a request landing on the other replica meets the outage
            await a.Switches.SetOutageAsync(false, CancellationToken.None).WaitAsync(Wait);
            Assert.False(b.Copy.Outage);
            Assert.Empty(a.Waits.Lines);
        }
        finally
        {
            await follower.StopAsync(CancellationToken.None);
            await LeaveAsync(a, b);
        }
    }

    [RedisFact]
    public async Task A_live_replica_that_does_not_apply_a_switch_is_waited_for_a_bounded_time_and_named()
    {
        var service = "assistant-switch-test-" + Guid.NewGuid().ToString("N");
        var (a, deaf) = (Replica(service), Replica(service));
        try
        {
            await a.Switches.SetEventGatewayDownAsync(true, CancellationToken.None).WaitAsync(Wait);
            Assert.True(a.Copy.EventGatewayDown);
            Assert.False(deaf.Copy.EventGatewayDown);
            var line = Assert.Single(a.Waits.Lines);
            Assert.Contains(deaf.Identity.Replica, line);
            Assert.DoesNotContain(a.Identity.Replica, line);
        }
        finally
        {
            await LeaveAsync(a, deaf);
            await a.Switches.SetEventGatewayDownAsync(false, CancellationToken.None).WaitAsync(Wait);
        }
    }

    /// <summary>A replica of <paramref name="service"/>: its copy, its switches, and a heartbeat that makes it live.</summary>
    private SwitchReplica Replica(string service)
    {
        var identity = new WorldIdentity(service);
        var connection = new RedisConnection(new ServiceCollection().AddSingleton(fixture.Redis).BuildServiceProvider());
        var waits = new RecordingLogger<SwitchAcknowledgements>();
        var copy = new AssistantFaults();
        var switches = new SharedAssistantFaults(copy, NullLogger<SharedAssistantFaults>.Instance, fixture.Redis,
            new SwitchAcknowledgements(connection, identity, new SimulationClock(), waits));
        new WorldStore(fixture.Redis).BeatAsync(identity, 0, DateTimeOffset.UtcNow).GetAwaiter().GetResult();
        return new SwitchReplica(identity, copy, switches, waits);
    }

    private async Task LeaveAsync(params SwitchReplica[] replicas)
    {
        foreach (var replica in replicas)
        {
            await new WorldStore(fixture.Redis).LeaveAsync(replica.Identity);
        }
    }

    private sealed record SwitchReplica(WorldIdentity Identity, AssistantFaults Copy, SharedAssistantFaults Switches,
        RecordingLogger<SwitchAcknowledgements> Waits);

    [RedisFact]
    public async Task A_deferred_response_arriving_at_the_other_replica_reaches_the_waiting_directive()
    {
        var waitingReplica = new DeferredResponses(NullLogger<DeferredResponses>.Instance, fixture.Redis);
        var gatewayReplica = new DeferredResponses(NullLogger<DeferredResponses>.Instance, fixture.Redis);
        await waitingReplica.ListenAsync();
        await gatewayReplica.ListenAsync();
        var token = Guid.NewGuid().ToString("N");
        using var waiter = waitingReplica.Expect(token);
        var response = new AlexaEvent("Alexa", "Response", token, "plug-1", new DeviceState("ON", 40, "OK"), null, null, null, []);

        Assert.Equal(DeferredDelivery.Relayed, await gatewayReplica.CompleteAsync(token, response));
        var arrived = await waiter.WaitAsync(Wait, TimeProvider.System, CancellationToken.None);

        Assert.NotNull(arrived);
        Assert.Equal(response with { Endpoints = arrived.Endpoints }, arrived);
        Assert.Empty(arrived.Endpoints);
        // Heard here too, but nobody waits for it here: nothing happens, and a second delivery finds no waiter.
        Assert.False(waitingReplica.Complete(token, response));
    }

    [Fact]
    public async Task Without_Redis_an_event_nobody_waits_for_is_dropped()
    {
        var deferred = new DeferredResponses();
        var token = Guid.NewGuid().ToString("N");
        var response = new AlexaEvent("Alexa", "Response", token, "plug-1", null, null, null, null, []);
        Assert.Equal(DeferredDelivery.NobodyWaits, await deferred.CompleteAsync(token, response));

        using var waiter = deferred.Expect(token);
        Assert.Equal(DeferredDelivery.Here, await deferred.CompleteAsync(token, response));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
