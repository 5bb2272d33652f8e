using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using SmartHome.ServiceDefaults.Uplink;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>W3C trace context in MQTT 5 user properties and in uplink frames' fields: written, read, and refused when garbled.</summary>
public sealed class TraceContextCarrierTests : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string SpanId = "b7ad6b7169203331";

    private readonly ActivityRecorder _tracing = new();

    public void Dispose() => _tracing.Dispose();

    public static TheoryData<string> GarbledTraceparents =>
    [
        "",
        "not a traceparent",
        $"00-{TraceId}-{SpanId}",
        $"00-{TraceId[..30]}-{SpanId}-01",
        $"00-00000000000000000000000000000000-{SpanId}-01",
        $"00-{TraceId}-0000000000000000-01",
        $"00-{TraceId.Replace('a', 'z')}-{SpanId}-01",
        $"ff-{TraceId}-{SpanId}-01",
    ];

    [Fact]
    public void Trace_context_round_trips_through_mqtt_user_properties()
    {
        using var sender = ActivityRecorder.TestSource.StartActivity("send", ActivityKind.Producer);
        Assert.NotNull(sender);
        sender.TraceStateString = "vendor=abc";

        var message = new MqttApplicationMessageBuilder().WithTopic("homes/home-1/devices/plug-1/set")
            .WithTraceContext(sender.Context)
            .Build();

        // Lower-case names, per the W3C "Trace Context: MQTT" draft.
        Assert.Contains(message.UserProperties, p => p.Name == "traceparent"
            && p.ReadValueAsString() == $"00-{sender.TraceId}-{sender.SpanId}-01");
        Assert.Contains(message.UserProperties, p => p.Name == "tracestate" && p.ReadValueAsString() == "vendor=abc");

        Assert.Equal(RemoteCopyOf(sender), TraceContextCarrier.Extract(message));
    }

    [Fact]
    public void No_context_writes_no_user_properties()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("t").WithTraceContext(default).Build();

        Assert.True(message.UserProperties is null or { Count: 0 });
    }

    [Fact]
    public void Message_without_trace_context_has_no_parent()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("t").WithUserProperty("other", "x"u8.ToArray().AsMemory()).Build();

        Assert.Equal(default, TraceContextCarrier.Extract(message));
        Assert.Equal(default, TraceContextCarrier.Extract(new MqttApplicationMessageBuilder().WithTopic("t").WithPayload("{}").Build()));
    }

    [Theory]
    [MemberData(nameof(GarbledTraceparents))]
    public void A_garbled_traceparent_gives_no_parent(string traceparent)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("t")
            .WithUserProperty("traceparent", Encoding.UTF8.GetBytes(traceparent).AsMemory())
            .WithUserProperty("tracestate", "vendor=abc"u8.ToArray().AsMemory())
            .Build();

        Assert.Equal(default, TraceContextCarrier.Extract(message));
        Assert.Equal(default, TraceContextCarrier.Extract(new DeviceFrame("plug-1", true, Traceparent: traceparent, Tracestate: "vendor=abc")));
    }

    [Fact]
    public void Two_traceparents_give_no_parent()
    {
        Assert.Equal(default, TraceContextCarrier.Extract(
        [
            new("traceparent", $"00-{TraceId}-{SpanId}-01"),
            new("traceparent", $"00-{TraceId}-{SpanId}-00"),
        ]));
    }

    [Fact]
    public void A_garbled_tracestate_keeps_the_parent_and_drops_the_state()
    {
        var extracted = TraceContextCarrier.Extract(new CommandFrame("c-1", "plug-1", new LightState("ON"),
            $"00-{TraceId}-{SpanId}-01", "no key value pairs here"));

        Assert.Equal(TraceId, extracted.TraceId.ToHexString());
        Assert.Equal(SpanId, extracted.SpanId.ToHexString());
        Assert.True(string.IsNullOrEmpty(extracted.TraceState));
    }

    [Fact]
    public void Header_names_are_read_ignoring_case()
    {
        var extracted = TraceContextCarrier.Extract([new("TraceParent", $"00-{TraceId}-{SpanId}-00")]);

        Assert.Equal(TraceId, extracted.TraceId.ToHexString());
        Assert.Equal(ActivityTraceFlags.None, extracted.TraceFlags);
    }

    [Fact]
    public void Trace_context_round_trips_through_an_uplink_command_frame_on_the_wire()
    {
        using var sender = ActivityRecorder.TestSource.StartActivity("send command plug-1", ActivityKind.Producer);
        Assert.NotNull(sender);
        sender.TraceStateString = "vendor=abc,other=1";

        var frame = new CommandFrame("c-1", "plug-1", new LightState("ON", 40)).WithTraceContext(sender.Context);
        Assert.Equal($"00-{sender.TraceId}-{sender.SpanId}-01", frame.Traceparent);
        Assert.Equal("vendor=abc,other=1", frame.Tracestate);

        var received = Assert.IsType<CommandFrame>(
            UplinkFrameSerializer.Deserialize(UplinkFrameSerializer.SerializeToUtf8Bytes(frame), out var problem));
        Assert.Null(problem);
        Assert.Equal(RemoteCopyOf(sender), TraceContextCarrier.Extract(received));
    }

    [Fact]
    public void A_device_frame_carries_the_context_of_what_changed_the_device_and_none_without_one()
    {
        var cause = new ActivityContext(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId),
            ActivityTraceFlags.Recorded);

        var reported = new DeviceFrame("plug-1", true).WithTraceContext(cause);
        Assert.Equal($"00-{TraceId}-{SpanId}-01", reported.Traceparent);
        Assert.Null(reported.Tracestate);
        Assert.Equal(cause.TraceId, TraceContextCarrier.Extract(reported).TraceId);

        var spontaneous = new DeviceFrame("plug-1", false).WithTraceContext(default);
        Assert.Null(spontaneous.Traceparent);
        Assert.Null(spontaneous.Tracestate);
        Assert.Equal(default, TraceContextCarrier.Extract(spontaneous));
        Assert.DoesNotContain("trace", UplinkFrameSerializer.Serialize(spontaneous), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_carries_its_send_spans_context_or_else_the_current_one_or_none()
    {
        Activity.Current = null;
        Assert.Equal(default, TraceContextCarrier.ContextFor(null));

        using var current = ActivityRecorder.TestSource.StartActivity("request");
        Assert.NotNull(current);
        Assert.Equal(current.Context, TraceContextCarrier.ContextFor(null));

        using var send = ActivityRecorder.TestSource.StartActivity("send", ActivityKind.Producer);
        Assert.NotNull(send);
        Assert.Equal(send.Context, TraceContextCarrier.ContextFor(send));
    }

    /// <summary>What the receiver should read: the sender's ids, flags and state, marked remote.</summary>
    private static ActivityContext RemoteCopyOf(Activity sender) =>
        new(sender.TraceId, sender.SpanId, sender.ActivityTraceFlags, sender.TraceStateString, isRemote: true);
}
