using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Role users on the real embedded broker, in a world of two homes (each with a plug-1).</summary>
public sealed class MqttRoleSessionsTests : IAsyncLifetime
{
    private static readonly World TwoHomes = TestHomes.Fleet(2);
    private readonly BrokerTestRig _rig = new(TwoHomes, ["home-1/plug-1", "home-2/plug-1"],
        [.. LanRoles.Users(TwoHomes, LanRole.Observer, "obs-secret"), .. LanRoles.Users(TwoHomes, LanRole.Integrator, "ha-secret")]);

    public Task InitializeAsync() => _rig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task An_observer_without_a_client_id_gets_one_assigned()
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions("", "observer", "obs-secret").Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.Success, connect.ResultCode);
        Assert.StartsWith("observer-", connect.AssignedClientIdentifier, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("home-1/plug-1")]
    [InlineData("gateway-home-1")]
    public async Task A_role_user_may_not_take_a_devices_or_the_bridges_session(string clientId)
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions(clientId, "homeassistant", "ha-secret").Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, connect.ResultCode);
    }

    [Fact]
    public async Task A_wrong_role_password_is_a_bad_user_name_or_password()
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions("", "observer@home-2", "obs-secret").Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, connect.ResultCode);
    }

    [Fact]
    public async Task An_observer_gets_its_own_homes_discovery_and_never_another_homes()
    {
        foreach (var device in new[] { "home-1/plug-1", "home-2/plug-1" })
        {
            var (plug, _) = await _rig.ConnectAsync(_rig.ClientOptions(device, device, $"{device}-password"));
            var published = await plug.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"homeassistant/light/{device}/config")
                .WithPayload("{}").WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).WaitAsync(BrokerTestRig.Bound);
            Assert.True(published.IsSuccess, published.ReasonCode.ToString());
        }

        var (observer, received) = await _rig.ConnectAsync(_rig.ClientOptions("watcher", "observer", "obs-secret"));
        var subscribed = await observer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("homeassistant/#").Build()).WaitAsync(BrokerTestRig.Bound);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, Assert.Single(subscribed.Items).ResultCode);

        Assert.Equal("homeassistant/light/home-1/plug-1/config", (await BrokerTestRig.NextAsync(received)).Topic);
        // The other home's retained config is held back; a live one too.
        var (home2, _) = await _rig.ConnectAsync(_rig.ClientOptions("home-2/plug-1", "home-2/plug-1", "home-2/plug-1-password"));
        await home2.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("homeassistant/light/home-2/plug-1/config").WithPayload("{}").Build()).WaitAsync(BrokerTestRig.Bound);
        await Task.Delay(300);
        Assert.False(received.Reader.TryRead(out var leaked), leaked?.Topic);
    }

    [Fact]
    public async Task The_integrator_commands_its_homes_devices_and_the_observer_may_not()
    {
        var (plug, commands) = await _rig.ConnectAsync(_rig.ClientOptions("home-1/plug-1", "home-1/plug-1", "home-1/plug-1-password"));
        await plug.SubscribeAsync("homes/home-1/devices/plug-1/set", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(BrokerTestRig.Bound);
        var (integrator, _) = await _rig.ConnectAsync(_rig.ClientOptions("ha", "homeassistant", "ha-secret"));
        var (observer, _) = await _rig.ConnectAsync(_rig.ClientOptions("obs", "observer", "obs-secret"));

        var refused = await observer.PublishAsync(Command("homes/home-1/devices/plug-1/set")).WaitAsync(BrokerTestRig.Bound);
        var otherHome = await integrator.PublishAsync(Command("homes/home-2/devices/plug-1/set")).WaitAsync(BrokerTestRig.Bound);
        var allowed = await integrator.PublishAsync(Command("homes/home-1/devices/plug-1/set")).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherHome.ReasonCode);
        Assert.True(allowed.IsSuccess, allowed.ReasonCode.ToString());
        Assert.Equal("ON", (await BrokerTestRig.NextAsync(commands)).ConvertPayloadToString());
        Assert.False(commands.Reader.TryRead(out _)); // the observer's never arrived
    }

    private static MqttApplicationMessage Command(string topic) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload("ON").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
