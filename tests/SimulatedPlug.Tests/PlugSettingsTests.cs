using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        ("World:HomeId", "home-1"),
        ("World:DeviceId", "plug-1"),
        ("Mqtt:Url", "tcp://localhost:17401"),
    ];

    [Fact]
    public void Reads_the_broker_and_applies_the_simulation_defaults()
    {
        var settings = Start(Configuration(Required));

        Assert.Equal("home-1", settings.HomeId);
        Assert.Equal("plug-1", settings.DeviceId);
        Assert.Equal("plug-1", settings.DeviceName);
        Assert.Equal("localhost", settings.BrokerHost);
        Assert.Equal(17401, settings.BrokerPort);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.KeepAlive);
        Assert.Equal(10, settings.MinimumLevel);
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
    public void Reads_keep_alive_and_minimum_level()
    {
        var settings = Start(Configuration([.. Required, ("Mqtt:KeepAliveSeconds", "30"), ("Plug:MinimumLevel", "25")]));

        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepAlive);
        Assert.Equal(25, settings.MinimumLevel);
    }

    [Theory]
    [InlineData("World:HomeId")]
    [InlineData("World:DeviceId")]
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
    [InlineData("Plug:MinimumLevel", "0")]
    [InlineData("Mqtt:KeepAliveSeconds", "two")]
    public void A_bad_value_is_named(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(
            () => Start(Configuration([.. Required.Where(pair => pair.Item1 != key), (key, value)])));

        Assert.Contains(key, error.Message);
    }
}
