using System.Text;

namespace SmartHome.VendorCloud.Tests;

public sealed class UplinkFrameTests
{
    private static object? Read(string json) => UplinkFrameSerializer.Deserialize(Encoding.UTF8.GetBytes(json), out _);

    [Fact]
    public void A_command_frame_is_written_as_docs_protocols_md_says()
    {
        var frame = new CommandFrame("6f1c2d7e-0b4a-4c8e-9a51-3f2e1d0c9b8a", "plug-1", new LightState(null, 40),
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null);

        Assert.Equal(
            """{"type":"command","id":"6f1c2d7e-0b4a-4c8e-9a51-3f2e1d0c9b8a","deviceId":"plug-1","command":{"brightness":40},"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}""",
            UplinkFrameSerializer.Serialize(frame));
    }

    [Fact]
    public void A_command_frame_carries_state_and_tracestate_when_present()
    {
        var frame = new CommandFrame("id-1", "plug-1", new LightState("ON", null), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=1");

        Assert.Equal(
            """{"type":"command","id":"id-1","deviceId":"plug-1","command":{"state":"ON"},"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","tracestate":"vendor=1"}""",
            UplinkFrameSerializer.Serialize(frame));
    }

    [Fact]
    public void A_hello_frame_is_read()
    {
        var hello = Assert.IsType<HelloFrame>(Read(
            """{"type":"hello","homeId":"home-1","devices":[{"deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40}},{"deviceId":"plug-2","online":false}]}"""));

        Assert.Equal("home-1", hello.HomeId);
        Assert.Equal(2, hello.Devices.Count);
        Assert.Equal(new UplinkDevice("plug-1", true, new LightState("ON", 40)), hello.Devices[0]);
        Assert.Equal(new UplinkDevice("plug-2", false, null), hello.Devices[1]);
    }

    [Fact]
    public void A_result_frame_is_read()
    {
        var ok = Assert.IsType<ResultFrame>(Read(
            """{"type":"result","id":"id-1","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}"""));
        Assert.Equal(new ResultFrame("id-1", "plug-1", ResultStatus.Ok, new LightState("ON", 40), null), ok);

        var rejected = Assert.IsType<ResultFrame>(Read(
            """{"type":"result","id":"id-2","deviceId":"plug-1","status":"rejected","error":"invalid_command"}"""));
        Assert.Equal(ResultStatus.Rejected, rejected.Status);
        Assert.Equal("invalid_command", rejected.Error);
        Assert.Null(rejected.State);
    }

    [Fact]
    public void A_device_frame_is_read_with_its_trace_context()
    {
        var device = Assert.IsType<DeviceFrame>(Read(
            """{"type":"device","deviceId":"plug-1","online":false,"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}"""));
        Assert.Equal(new DeviceFrame("plug-1", false, null, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null), device);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"homeId":"home-1"}""")]
    [InlineData("""{"type":"teleport"}""")]
    [InlineData("""{"type":"result","deviceId":"plug-1","status":"ok"}""")]
    [InlineData("""{"type":"hello","homeId":"home-1"}""")]
    [InlineData("""{"type":"device","online":true}""")]
    public void Invalid_frames_are_refused_with_a_reason(string json)
    {
        Assert.Null(UplinkFrameSerializer.Deserialize(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
