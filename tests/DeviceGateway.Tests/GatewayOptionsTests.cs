using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartHome.DeviceGateway.Hosting;

namespace SmartHome.DeviceGateway.Tests;

public class GatewayOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["World:HomeId"] = "home-1",
        ["World:GatewaySecret"] = "very-secret-value",
        ["Wan:Port"] = "17311",
        ["Mqtt:Port"] = "17312",
        ["Uplink:Url"] = "http://localhost:17320",
        ["urls"] = "http://localhost:17310",
    };

    private static ServiceProvider Services(IEnumerable<KeyValuePair<string, string?>> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddDeviceGateway(configuration)
            .BuildServiceProvider();
    }

    /// <summary>What the host does before it starts anything: the options registered with ValidateOnStart are built.</summary>
    private static Exception? StartUpError(IEnumerable<KeyValuePair<string, string?>> values)
    {
        using var services = Services(values);
        return Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    private static Dictionary<string, string?> With(string key, string? value) =>
        new(Valid) { [key] = value };

    [Fact]
    public void Reads_every_key()
    {
        using var services = Services(Valid);

        var options = services.GetRequiredService<GatewayOptions>();

        Assert.Null(StartUpError(Valid));
        Assert.Equal("home-1", options.HomeId);
        Assert.Equal("very-secret-value", options.GatewaySecret);
        Assert.Equal(17311, options.WanPort);
        Assert.Equal(17312, options.MqttPort);
        Assert.Equal(new Uri("http://localhost:17320"), options.UplinkUrl);
        Assert.Equal(TimeSpan.FromSeconds(GatewayOptions.DefaultUplinkKeepAliveSeconds), options.UplinkKeepAlive);
        Assert.Equal("gateway-home-1", options.MqttClientId);
        Assert.Same(options, services.GetRequiredService<IOptions<GatewayOptions>>().Value);
    }

    [Fact]
    public void The_uplinks_keep_alive_is_read_and_every_home_of_the_world_has_it()
    {
        using var services = Services(With("Uplink:KeepAliveSeconds", "60"));

        var options = services.GetRequiredService<GatewayOptions>();

        Assert.Null(StartUpError(With("Uplink:KeepAliveSeconds", "60")));
        Assert.Equal(TimeSpan.FromSeconds(60), options.UplinkKeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ForHome("home-2", "secret-2").UplinkKeepAlive);
    }

    [Fact]
    public void Without_a_home_id_the_story_home_is_the_worlds_first()
    {
        using var services = Services(With("World:HomeId", null));

        Assert.Null(StartUpError(With("World:HomeId", null)));
        Assert.Equal("home-1", services.GetRequiredService<GatewayOptions>().HomeId);
        Assert.Equal("gateway-home-1", services.GetRequiredService<GatewayOptions>().MqttClientId);
    }

    [Theory]
    [InlineData("World:GatewaySecret")]
    [InlineData("Wan:Port")]
    [InlineData("Mqtt:Port")]
    [InlineData("Uplink:Url")]
    public void A_missing_key_stops_the_start_and_is_named(string missing)
    {
        var error = StartUpError(With(missing, null));

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains($"'{missing}' is missing", error.Message);
    }

    [Theory]
    [InlineData("Wan:Port", "70000")]
    [InlineData("Mqtt:Port", "-1")]
    [InlineData("Mqtt:Port", "one")]
    [InlineData("Uplink:Url", "/relative")]
    [InlineData("Uplink:KeepAliveSeconds", "0")]
    [InlineData("Uplink:KeepAliveSeconds", "3601")]
    public void A_bad_value_stops_the_start_and_is_named(string key, string value)
    {
        var error = StartUpError(With(key, value));

        Assert.NotNull(error);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Kestrel_fails_with_the_validator_message_when_the_wan_port_is_missing()
    {
        using var services = Services(With("Wan:Port", null));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KestrelServerOptions>>().Value);

        Assert.Contains("'Wan:Port' is missing", error.Message);
    }
}
