using System.Text;
using MQTTnet;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>A plain on/off plug (the two-lamps world's kettle): power only; a brightness command is invalid.</summary>
public sealed class OnOffPlugTests : IDisposable
{
    private const string ResponseTopic = "homes/home-1/gateway/responses";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestPlug _kettle = new(new PlugIdentity(
        "home-1", "plug-3", "kettle", DeviceKind.OnOffPlug, WorldDevice.DefaultMinimumLevel, MqttName: "plug-3", MqttPassword: null));

    [Theory]
    [InlineData("""{"brightness":40}""")]
    [InlineData("""{"state":"ON","brightness":40}""")]
    [InlineData("""{"brightness":0}""")]
    public async Task A_brightness_command_is_rejected_as_invalid_command_and_changes_nothing(string payload)
    {
        await _kettle.Processor.HandleAsync(Command(payload), CancellationToken.None).WaitAsync(Bound);

        Assert.False(_kettle.Device.Current.IsOn);
        Assert.Empty(_kettle.Publisher.To(_kettle.Topics.State));
        var response = Assert.Single(_kettle.Publisher.To(ResponseTopic)).ConvertPayloadToString();
        Assert.Contains($"\"error\":\"{CommandError.InvalidCommand}\"", response);
        Assert.Contains("no brightness", response);
    }

    [Fact]
    public async Task It_switches_on_and_off()
    {
        await _kettle.Processor.HandleAsync(Command("""{"state":"ON"}"""), CancellationToken.None).WaitAsync(Bound);
        Assert.True(_kettle.Device.Current.IsOn);

        await _kettle.Processor.HandleAsync(Command("""{"state":"OFF"}"""), CancellationToken.None).WaitAsync(Bound);
        Assert.False(_kettle.Device.Current.IsOn);
        Assert.Equal(2, _kettle.Publisher.To(ResponseTopic).Count);
        Assert.All(_kettle.Publisher.To(ResponseTopic), r => Assert.DoesNotContain("error", r.ConvertPayloadToString()));
    }

    [Fact]
    public void Its_discovery_offers_on_off_only()
    {
        var json = Encoding.UTF8.GetString(PlugJson.Serialize(DiscoveryConfig.For(_kettle.Topics, "kettle", DeviceKind.OnOffPlug)));

        Assert.Contains("\"supported_color_modes\":[\"onoff\"]", json);
        Assert.DoesNotContain("brightness", json);
    }

    private static ReceivedCommand Command(string payload) => new(
        "homes/home-1/devices/plug-3/set", Encoding.UTF8.GetBytes(payload), ResponseTopic, Encoding.UTF8.GetBytes("c"), [], 1);

    public void Dispose() => _kettle.Dispose();
}
