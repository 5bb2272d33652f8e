using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;

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
