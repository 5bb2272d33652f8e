using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>Every device of a world in one process, against a real MQTTnet broker: each its own session, will and radio.</summary>
public sealed class FleetSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly TestBroker _broker = new();
    private readonly IMqttClient _observer = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, string Payload)> _availability = new();
    private TestFleet _fleet = null!;

    public async Task InitializeAsync()
    {
        await _broker.StartAsync();
        _observer.ApplicationMessageReceivedAsync += args =>
        {
            _availability.Enqueue((args.ApplicationMessage.Topic, args.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        await _observer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("observer").Build());
        await _observer.SubscribeAsync("homes/+/devices/+/availability");
        _fleet = new TestFleet(TestFleet.TwoLamps, _broker.Url);
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _observer.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Every_device_of_every_home_has_its_own_session_name_password_and_will()
    {
        await _fleet.StartAsync();
        await _fleet.AllOnlineAsync(Bound);

        var connects = _broker.Connects.Where(c => c.ClientId != "observer").ToArray();
        Assert.Equal(["lamp-1", "lamp-2", "plug-1", "plug-3"], connects.Select(c => c.ClientId).Order());
        foreach (var device in _fleet.Devices.All)
        {
            var connect = Assert.Single(connects, c => c.ClientId == device.Identity.MqttName);
            Assert.Equal(device.Identity.MqttName, connect.UserName);
            Assert.Equal(WorldSecrets.DeviceMqttPassword(_fleet.World, device.Identity.HomeId, device.Identity.DeviceId, TestFleet.Seed), connect.Password);
            Assert.True(connect.CleanStart);
            Assert.Equal(1, connect.KeepAlive);
        }

        // The story's device keeps the parameter itself as its password, as the one plug of old did.
        Assert.Equal(TestFleet.Seed, Assert.Single(connects, c => c.ClientId == "plug-1").Password);
        Assert.Equal(4, (await _broker.ClientsAsync()).Count(c => c.Id != "observer"));
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task Wifi_off_on_one_device_publishes_its_will_and_leaves_the_others_online()
    {
        await _fleet.StartAsync();
        await _fleet.AllOnlineAsync(Bound);
        var readingLamp = _fleet["home-1", "lamp-2"];

        await readingLamp.Switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);

        // The broker hears nothing more from it and publishes its will (its own availability, offline) after 1.5 x keep-alive.
        using (var timeout = new CancellationTokenSource(Bound))
        {
            while (!_availability.Contains(("homes/home-1/devices/lamp-2/availability", PlugTopics.Offline)))
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        Assert.False(readingLamp.Session.IsReady);
        Assert.All(_fleet.Devices.All.Where(d => d != readingLamp), d => Assert.True(d.Session.IsReady, d.Identity.MqttName));
        Assert.DoesNotContain(_availability, a => a.Payload == PlugTopics.Offline && !a.Topic.Contains("lamp-2", StringComparison.Ordinal));
        Assert.Equal(["lamp-1", "plug-1", "plug-3"], (await _broker.ClientsAsync()).Select(c => c.Id).Where(id => id != "observer").Order());

        var health = await HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("3 of 4 devices online", health.Description);

        // Back on, it rejoins on a session of its own.
        await readingLamp.Switches.SetWifiAsync(on: true, CancellationToken.None).WaitAsync(Bound);
        await _fleet.AllOnlineAsync(Bound);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task The_story_device_offline_makes_the_plug_unhealthy()
    {
        await _fleet.StartAsync();
        await _fleet.AllOnlineAsync(Bound);

        var story = _fleet["home-1", "plug-1"];
        await story.Switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);
        // The plug drops its session at once when the radio goes off (the broker learns of it later).
        using (var timeout = new CancellationTokenSource(Bound))
        {
            while (story.Session.IsReady)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        var health = await HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("Not connected to the broker (3 of 4 devices online)", health.Description);
    }

    [Fact]
    public void A_fleet_whose_homes_share_device_ids_names_each_by_home_and_device()
    {
        var fleet = FleetGenerator.Generate(3);
        var identities = fleet.Homes
            .Select(home => PlugIdentity.Of(fleet, home, home.Devices[0], new PlugSettings { BrokerUrl = "tcp://localhost:1883", DevicePasswordSeed = TestFleet.Seed }))
            .ToList();

        Assert.Equal(["home-1/plug-1", "home-2/plug-1", "home-3/plug-1"], identities.Select(i => i.MqttName));
        Assert.Equal(3, identities.Select(i => PlugTopics.For(i).Discovery).Distinct().Count());
        Assert.Equal(3, identities.Select(i => PlugMemory.KeyFor(i.MqttName).ToString()).Distinct().Count());
        Assert.Equal(3, identities.Select(i => i.MqttPassword).Distinct().Count());
        Assert.All(identities, i => Assert.DoesNotContain(i.MqttPassword!, i.ToString()));
    }

    private Task<HealthCheckResult> HealthAsync() =>
        new MqttHealthCheck(_fleet.Devices).CheckHealthAsync(new HealthCheckContext());
}
