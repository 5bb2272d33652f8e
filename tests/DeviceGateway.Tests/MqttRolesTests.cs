using System.Text;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The LAN broker's role users: who they are per home, and what the ACL lets each do.</summary>
public sealed class MqttRolesTests
{
    private static readonly LanRoleUser Observer1 = new(LanRole.Observer, "home-1");
    private static readonly LanRoleUser Integrator1 = new(LanRole.Integrator, "home-1");
    private static readonly Dictionary<string, LanDevice> Devices = new()
    {
        ["plug-1"] = new("home-1", "plug-1", "plug-1"),
        ["home-2/plug-1"] = new("home-2", "plug-1", "home-2/plug-1"),
    };

    private static LanDevice? Find(string name) => Devices.GetValueOrDefault(name);

    [Theory]
    [InlineData("homes/home-1/#")]
    [InlineData("homes/home-1/devices/plug-1/state")]
    [InlineData("homes/home-1/devices/+/availability")]
    [InlineData("homeassistant/#")]
    [InlineData("homeassistant/light/+/config")]
    public void An_observer_may_subscribe_to_its_home_and_to_discovery(string filter)
    {
        Assert.True(MqttAccessPolicy.MaySubscribe(Observer1, filter));
        Assert.True(MqttAccessPolicy.MaySubscribe(Integrator1, filter));
    }

    [Theory]
    [InlineData("#")]
    [InlineData("homes/#")]
    [InlineData("homes/+/devices/+/state")]
    [InlineData("homes/home-2/#")]
    [InlineData("homes/home-10/#")]
    [InlineData("$share/g/homes/home-1/#")]
    [InlineData("$SYS/#")]
    [InlineData("")]
    public void An_observer_may_not_subscribe_beyond_its_home(string filter) =>
        Assert.False(MqttAccessPolicy.MaySubscribe(Observer1, filter));

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/set")]
    [InlineData("homes/home-1/devices/plug-1/state")]
    [InlineData("homes/home-1/gateway/status")]
    [InlineData("homeassistant/light/plug-1/config")]
    public void An_observer_publishes_nothing(string topic) =>
        Assert.False(MqttAccessPolicy.MayPublish(Observer1, topic));

    [Fact]
    public void An_integrator_may_command_its_homes_devices_only()
    {
        Assert.True(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/devices/plug-1/set"));
        Assert.True(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/devices/plug-2/set"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/devices/plug-1/state"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/devices/plug-1/availability"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/gateway/status"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-1/devices/+/set"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homes/home-2/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MayPublish(Integrator1, "homeassistant/light/plug-1/config"));
    }

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/state", true)]
    [InlineData("homes/home-1/gateway/status", true)]
    [InlineData("homeassistant/light/plug-1/config", true)]
    [InlineData("homeassistant/switch/plug-1/config", true)]
    [InlineData("homes/home-2/devices/plug-1/state", false)]
    [InlineData("homes/home-10/devices/plug-1/state", false)]
    [InlineData("homeassistant/light/home-2/plug-1/config", false)]
    [InlineData("homeassistant/light/unknown/config", false)]
    [InlineData("homeassistant/status", false)]
    [InlineData("other/topic", false)]
    public void A_role_user_reads_its_homes_topics_and_its_devices_discovery_only(string topic, bool readable) =>
        Assert.Equal(readable, MqttAccessPolicy.MayRead(Observer1, topic, Find));

    [Fact]
    public void The_story_homes_roles_are_observer_and_homeassistant_and_every_other_home_names_itself()
    {
        var world = TestHomes.Fleet(3);

        var observers = LanRoles.Users(world, LanRole.Observer, "obs-secret").ToList();
        var integrators = LanRoles.Users(world, LanRole.Integrator, "ha-secret").ToList();

        Assert.Equal(["observer", "observer@home-2", "observer@home-3"], observers.Select(u => u.UserName));
        Assert.Equal(["homeassistant", "homeassistant@home-2", "homeassistant@home-3"], integrators.Select(u => u.UserName));
        // The story's home has the parameter itself; the others a derived password of their own, per role.
        Assert.Equal("obs-secret", observers[0].Password);
        Assert.Equal(3, observers.Select(u => u.Password).Distinct().Count());
        Assert.NotEqual(observers[1].Password, LanRoles.Password(world, LanRole.Integrator, "home-2", "obs-secret"));
        Assert.Equal(new LanRoleUser(LanRole.Integrator, "home-3"), integrators[2].User);
        Assert.Empty(LanRoles.Users(world, LanRole.Observer, ""));
    }

    [Fact]
    public void Credentials_know_each_homes_role_users_and_their_passwords()
    {
        var world = TestHomes.Fleet(2);
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "g", DevicePasswordSeed = "seed", ObserverPassword = "obs-secret", HomeAssistantPassword = "ha-secret" };

        var credentials = MqttCredentials.From(options, world, TestHomes.Create(options, world: world));

        Assert.True(credentials.IsValid("observer", "obs-secret"u8));
        Assert.False(credentials.IsValid("observer", "ha-secret"u8));
        Assert.True(credentials.IsValid("homeassistant", "ha-secret"u8));
        Assert.True(credentials.IsValid("observer@home-2", Encoding.UTF8.GetBytes(LanRoles.Password(world, LanRole.Observer, "home-2", "obs-secret"))));
        Assert.False(credentials.IsValid("observer@home-2", "obs-secret"u8));
        Assert.Equal(new LanRoleUser(LanRole.Observer, "home-2"), credentials.FindRole("observer@home-2"));
        Assert.Null(credentials.FindRole("home-1/plug-1"));
        Assert.Null(credentials.FindRole(options.MqttClientId));
        Assert.Equal(["home-1/plug-1", "home-2/plug-1"], credentials.DeviceIds.Order());
    }

    [Fact]
    public void Without_their_parameters_there_are_no_role_users()
    {
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "g", DevicePasswordSeed = "seed" };
        var world = TestHomes.Fleet(1);

        var credentials = MqttCredentials.From(options, world, TestHomes.Create(options, world: world));

        Assert.Null(credentials.FindRole("observer"));
        Assert.False(credentials.IsValid("observer", ""u8));
    }
}
