using System.Diagnostics;
using MQTTnet;
using MQTTnet.Packets;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>W3C trace context in MQTT 5 user properties, as the gateway sends and the plug receives it.</summary>
public sealed class MqttTraceContextTests : IDisposable
{
    private readonly ActivityRecorder _tracing = new();

    public void Dispose() => _tracing.Dispose();

    [Fact]
    public void Trace_context_round_trips_through_mqtt_user_properties()
    {
        using var sender = ActivityRecorder.TestSource.StartActivity("send", ActivityKind.Producer);
        Assert.NotNull(sender);
        sender.TraceStateString = "vendor=abc";
        var message = new MqttApplicationMessageBuilder().WithTopic("homes/home-1/devices/plug-1/set").Build();

        MqttTraceContext.Inject(sender, message);

        // Lower-case names, per the W3C "Trace Context: MQTT" draft.
        Assert.Contains(message.UserProperties, p => p.Name == "traceparent"
            && p.ReadValueAsString() == $"00-{sender.TraceId}-{sender.SpanId}-01");
        Assert.Contains(message.UserProperties, p => p.Name == "tracestate" && p.ReadValueAsString() == "vendor=abc");

        var extracted = MqttTraceContext.Extract(message);
        Assert.Equal(sender.TraceId, extracted.TraceId);
        Assert.Equal(sender.SpanId, extracted.SpanId);
        Assert.Equal("vendor=abc", extracted.TraceState);
        Assert.True(extracted.IsRemote);
    }

    [Fact]
    public void Message_without_trace_context_has_no_parent()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("t").WithUserProperty("other", "x"u8.ToArray().AsMemory()).Build();

        Assert.Equal(default, MqttTraceContext.Extract(message));
        Assert.Equal(default, MqttTraceContext.Extract(new MqttApplicationMessageBuilder().WithTopic("t").Build()));
    }

    [Fact]
    public void A_message_without_trace_context_gives_no_parent()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("t").WithPayload("{}").Build();

        Assert.Equal(default, MqttTraceContext.Extract(message));
    }
}
