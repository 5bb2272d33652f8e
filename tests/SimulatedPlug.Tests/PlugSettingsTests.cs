using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.SimulatedPlug.Tests;

public class PlugSettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => KeyValuePair.Create(value.Key, (string?)value.Value)))
            .Build();

    /// <summary>The settings as the plug gets them: bound, then validated as the host does before it starts anything.</summary>
    private static PlugSettings Start(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddPlugSettings(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<PlugSettings>();
    }

    private static readonly (string, string)[] Required =
    [
        ("Mqtt:Url", "tcp://localhost:17401"),
    ];

    [Fact]
    public void Reads_the_broker_and_applies_the_simulation_defaults()
    {
        var settings = Start(Configuration(Required));

        Assert.Equal("localhost", settings.BrokerHost);
        Assert.Equal(17401, settings.BrokerPort);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.KeepAlive);
        Assert.Equal(PlugSettings.DefaultConnectParallelism, settings.ConnectParallelism);
    }

    [Fact]
    public void Reads_the_broker_password_and_never_prints_it()
    {
        Assert.Null(Start(Configuration(Required)).MqttPassword);

        var settings = Start(Configuration([.. Required, ("Mqtt:Password", "plug-secret-123456")]));

        Assert.Equal("plug-secret-123456", settings.MqttPassword);
        Assert.DoesNotContain("plug-secret-123456", settings.ToString());
    }

    [Fact]
    public void Each_device_password_is_derived_from_the_seed_and_the_story_device_keeps_the_seed_itself()
    {
        var world = WorldLoader.LoadFile(TwoLampsWorld);
        var settings = Start(Configuration([.. Required, ("Mqtt:DevicePasswordSeed", "seed-0123456789abcdef")]));

        Assert.Equal("seed-0123456789abcdef", settings.PasswordFor(world, "home-1", "plug-1"));
        Assert.Equal(WorldSecrets.DeviceMqttPassword(world, "home-2", "lamp-1", "seed-0123456789abcdef"), settings.PasswordFor(world, "home-2", "lamp-1"));
        Assert.NotEqual(settings.PasswordFor(world, "home-1", "lamp-2"), settings.PasswordFor(world, "home-2", "lamp-1"));
        Assert.DoesNotContain("seed-0123456789abcdef", settings.ToString());
    }

    [Fact]
    public void Without_a_seed_only_the_story_device_has_the_older_one_plug_password()
    {
        var world = WorldLoader.LoadFile(TwoLampsWorld);
        var settings = Start(Configuration([.. Required, ("Mqtt:Password", "plug-secret-123456")]));

        Assert.Equal("plug-secret-123456", settings.PasswordFor(world, "home-1", "plug-1"));
        Assert.Null(settings.PasswordFor(world, "home-2", "lamp-1"));
    }

    [Fact]
    public void Reads_keep_alive_and_connect_parallelism()
    {
        var settings = Start(Configuration([.. Required, ("Mqtt:KeepAliveSeconds", "30"), ("Mqtt:ConnectParallelism", "4")]));

        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepAlive);
        Assert.Equal(4, settings.ConnectParallelism);
    }

    internal static string TwoLampsWorld => Path.Combine(AppContext.BaseDirectory, "worlds", "two-lamps.json");

    [Theory]
    [InlineData("Mqtt:Url")]
    public void A_missing_key_is_named(string missing)
    {
        var error = Assert.ThrowsAny<Exception>(
            () => Start(Configuration(Required.Where(value => value.Item1 != missing).ToArray())));

        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("Mqtt:Url", "localhost:1883")]
    [InlineData("Mqtt:Url", "http://localhost:1883")]
    [InlineData("Mqtt:ConnectParallelism", "0")]
    [InlineData("Mqtt:KeepAliveSeconds", "two")]
    public void A_bad_value_is_named(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(
            () => Start(Configuration([.. Required.Where(pair => pair.Item1 != key), (key, value)])));

        Assert.Contains(key, error.Message);
    }
}
