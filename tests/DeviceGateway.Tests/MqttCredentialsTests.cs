using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.DeviceGateway.Hosting;
using SmartHome.DeviceGateway.Lan;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

public sealed class MqttCredentialsTests
{
    private readonly MqttCredentials _credentials = new("gateway-home-1", new Dictionary<string, string>
    {
        ["plug-1"] = "right",
        ["plug-2"] = "",
        ["bad+id"] = "x",
        ["too/deep/name"] = "x",
        ["home-2/plug-1"] = "qualified",
    });

    [Fact]
    public void Right_password_of_a_known_device_is_valid() =>
        Assert.True(_credentials.IsValid("plug-1", "right"u8));

    [Fact]
    public void A_device_named_by_its_home_and_id_is_known_by_that_name() =>
        Assert.True(_credentials.IsValid("home-2/plug-1", "qualified"u8));

    [Theory]
    [InlineData("plug-1", "wrong")]
    [InlineData("plug-1", "righ")]
    [InlineData("plug-1", "")]
    [InlineData("plug-9", "right")]
    [InlineData(null, "right")]
    [InlineData("plug-2", "")]
    [InlineData("bad+id", "x")]
    [InlineData("too/deep/name", "x")]
    [InlineData("home-3/plug-1", "qualified")]
    public void Anything_else_is_not(string? userName, string password) =>
        Assert.False(_credentials.IsValid(userName, Encoding.UTF8.GetBytes(password)));

    [Fact]
    public void Bridge_has_a_fresh_random_credential_of_its_own()
    {
        var other = new MqttCredentials("gateway-home-1", new Dictionary<string, string>());

        Assert.True(_credentials.IsValid("gateway-home-1", Encoding.UTF8.GetBytes(_credentials.BridgePassword)));
        Assert.NotEqual(_credentials.BridgePassword, other.BridgePassword);
        Assert.True(_credentials.BridgePassword.Length >= 40);
        Assert.False(_credentials.IsValid("gateway-home-1", Encoding.UTF8.GetBytes(other.BridgePassword)));
    }

    [Fact]
    public void A_device_cannot_take_the_bridges_name()
    {
        var credentials = new MqttCredentials("gateway-home-1", new Dictionary<string, string> { ["gateway-home-1"] = "guess" });

        Assert.False(credentials.IsValid("gateway-home-1", "guess"u8));
        Assert.Empty(credentials.DeviceIds);
    }

    [Fact]
    public void Reads_device_passwords_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["World:HomeId"] = "home-1",
            ["World:GatewaySecret"] = "s",
            ["Wan:Port"] = "1",
            ["Mqtt:Port"] = "2",
            ["Uplink:Url"] = "http://localhost:1",
            ["Mqtt:Devices:plug-1:Password"] = "p1",
            ["Mqtt:Devices:plug-2:Password"] = "p2",
        }).Build();
        using var services = new ServiceCollection().AddDeviceGateway(configuration).BuildServiceProvider();

        var credentials = services.GetRequiredService<MqttCredentials>();

        Assert.Equal(["plug-1", "plug-2"], credentials.DeviceIds.Order());
        Assert.True(credentials.IsValid("plug-2", "p2"u8));
        Assert.False(credentials.IsValid("plug-2", "p1"u8));
    }

    [Fact]
    public void Every_device_of_the_world_gets_the_password_derived_from_the_seed_under_its_mqtt_name()
    {
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "g", DevicePasswordSeed = "seed" };
        var world = TestHomes.Fleet(3);

        var credentials = MqttCredentials.From(options, world, TestHomes.Create(options, world: world));

        Assert.Equal(["home-1/plug-1", "home-2/plug-1", "home-3/plug-1"], credentials.DeviceIds.Order());
        // The story's device keeps the parameter itself; the others' are derived per home and device.
        Assert.True(credentials.IsValid("home-1/plug-1", "seed"u8));
        var home2 = WorldSecrets.DeviceMqttPassword(world, "home-2", "plug-1", "seed");
        Assert.NotEqual("seed", home2);
        Assert.True(credentials.IsValid("home-2/plug-1", Encoding.UTF8.GetBytes(home2)));
        Assert.False(credentials.IsValid("home-3/plug-1", Encoding.UTF8.GetBytes(home2)));
        Assert.False(credentials.IsValid("plug-1", "seed"u8));
    }

    [Fact]
    public void A_configured_password_wins_over_the_seed_and_no_seed_means_no_derived_password()
    {
        var world = TestHomes.Fleet(2);
        var seeded = new GatewayOptions { HomeId = "home-1", GatewaySecret = "g", DevicePasswordSeed = "seed", Devices = { ["home-2/plug-1"] = new() { Password = "own" } } };
        var unseeded = new GatewayOptions { HomeId = "home-1", GatewaySecret = "g" };

        var withSeed = MqttCredentials.From(seeded, world, TestHomes.Create(seeded, world: world));
        var withoutSeed = MqttCredentials.From(unseeded, world, TestHomes.Create(unseeded, world: world));

        Assert.True(withSeed.IsValid("home-2/plug-1", "own"u8));
        Assert.Empty(withoutSeed.DeviceIds);
    }
}
