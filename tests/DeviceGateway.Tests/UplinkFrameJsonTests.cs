using System.Text.Json;
using SmartHome.DeviceGateway.Uplink;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The uplink frames exactly as docs/protocols.md spells them.</summary>
public class UplinkFrameJsonTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static string Serialize(UplinkFrame frame) => JsonSerializer.Serialize(frame, GatewayJson.Options);

    private static UplinkFrame? Deserialize(string json) => JsonSerializer.Deserialize<UplinkFrame>(json, GatewayJson.Options);

    [Fact]
    public void Hello_lists_every_device()
    {
        var json = Serialize(new HelloFrame("home-1",
        [
            new UplinkDevice("plug-1", true, new LightState("ON", 40)),
            new UplinkDevice("plug-2", false, null),
        ]));

        Assert.Equal(
            """{"type":"hello","homeId":"home-1","devices":[{"deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40}},{"deviceId":"plug-2","online":false}]}""",
            json);
    }

    [Fact]
    public void Hello_carries_the_homes_links_when_known()
    {
        var json = Serialize(new HelloFrame("home-1", [], "off", "up"));

        Assert.Equal("""{"type":"hello","homeId":"home-1","devices":[],"band24":"off","broadband":"up"}""", json);
    }

    [Fact]
    public void Command_is_read_with_trace_context()
    {
        var frame = Deserialize(
            $$"""{"type":"command","id":"6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f","deviceId":"plug-1","command":{"brightness":40},"traceparent":"{{TraceParent}}","tracestate":"vendor=1"}""");

        var command = Assert.IsType<CommandFrame>(frame);
        Assert.Equal("6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f", command.Id);
        Assert.Equal("plug-1", command.DeviceId);
        Assert.Equal(new LightState(null, 40), command.Command);
        Assert.Equal(TraceParent, command.Traceparent);
        Assert.Equal("vendor=1", command.Tracestate);
    }

    [Fact]
    public void Command_type_may_come_last_and_tracestate_is_optional()
    {
        var frame = Deserialize(
            $$"""{"id":"c-1","deviceId":"plug-1","command":{"state":"OFF"},"traceparent":"{{TraceParent}}","type":"command"}""");

        var command = Assert.IsType<CommandFrame>(frame);
        Assert.Equal(new LightState("OFF", null), command.Command);
        Assert.Null(command.Tracestate);
    }

    [Theory]
    [InlineData("""{"type":"command","id":"c-1","command":{"state":"ON"}}""")]
    [InlineData("""{"type":"command","deviceId":"plug-1","command":{"state":"ON"}}""")]
    [InlineData("""{"type":"command","id":"c-1","deviceId":null,"command":{"state":"ON"}}""")]
    [InlineData("""{"type":"command","id":"c-1","deviceId":"plug-1"}""")]
    public void Command_without_a_required_field_is_malformed(string json)
    {
        Assert.Throws<JsonException>(() => Deserialize(json));
    }

    [Fact]
    public void Unknown_frame_type_is_refused()
    {
        var error = Record.Exception(() => Deserialize("""{"type":"reboot","id":"x"}"""));
        Assert.True(error is JsonException or NotSupportedException, error?.GetType().Name);
    }

    [Fact]
    public void Result_ok_carries_the_confirmed_state()
    {
        Assert.Equal(
            """{"type":"result","id":"c-1","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""",
            Serialize(new ResultFrame("c-1", "plug-1", ResultStatus.Ok, new LightState("ON", 40))));
    }

    [Theory]
    [InlineData("Offline", "offline")]
    [InlineData("Timeout", "timeout")]
    [InlineData("Rejected", "rejected")]
    [InlineData("Error", "error")]
    public void Result_failure_carries_status_and_error(string status, string wire)
    {
        Assert.Equal(
            $$"""{"type":"result","id":"c-1","deviceId":"plug-1","status":"{{wire}}","error":"why"}""",
            Serialize(new ResultFrame("c-1", "plug-1", Enum.Parse<ResultStatus>(status), Error: "why")));
    }

    [Fact]
    public void Device_frame_carries_availability_state_and_traceparent()
    {
        Assert.Equal(
            $$"""{"type":"device","deviceId":"plug-1","online":true,"state":{"state":"OFF","brightness":40},"traceparent":"{{TraceParent}}"}""",
            Serialize(new DeviceFrame("plug-1", true, new LightState("OFF", 40), TraceParent)));
        Assert.Equal(
            """{"type":"device","deviceId":"plug-1","online":false}""",
            Serialize(new DeviceFrame("plug-1", false)));
    }

    [Fact]
    public void Frames_round_trip()
    {
        UplinkFrame[] frames =
        [
            new ResultFrame("c-1", "plug-1", ResultStatus.Rejected, Error: "brightness must be 0..100"),
            new DeviceFrame("plug-1", true, new LightState("ON", 100), TraceParent),
            new CommandFrame("c-2", "plug-1", new LightState("ON", 40), TraceParent, "a=b"),
        ];

        foreach (var frame in frames)
        {
            Assert.Equal(frame, Deserialize(Serialize(frame)));
        }
    }

    [Fact]
    public void Uplink_endpoint_is_the_wan_url_with_ws_scheme()
    {
        Assert.Equal(new Uri("ws://localhost:17311/uplink/v1"), UplinkClient.UplinkEndpoint(new Uri("http://localhost:17311")));
        Assert.Equal(new Uri("wss://edge.example/uplink/v1"), UplinkClient.UplinkEndpoint(new Uri("https://edge.example/")));
    }
}
