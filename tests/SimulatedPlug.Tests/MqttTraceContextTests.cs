using System.Diagnostics;
using MQTTnet;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Telemetry;

namespace SmartHome.SimulatedPlug.Tests;

public class MqttTraceContextTests
{
    [Fact]
    public void Trace_context_round_trips_through_mqtt5_user_properties()
    {
        using var recorder = new ActivityRecorder(PlugTelemetry.SourceName);
        using var activity = ActivityRecorder.TestSource.StartActivity("gateway publishes a command", ActivityKind.Producer);
        Assert.NotNull(activity);
        activity.TraceStateString = "vendor=abc";

        var message = new MqttApplicationMessageBuilder()
            .WithTopic("homes/home-1/devices/plug-1/set")
            .WithPayload("""{"brightness":40}""")
            .WithTraceContext(activity.Context)
            .Build();

        var names = message.UserProperties.Select(property => property.Name).ToList();
        Assert.Contains("traceparent", names);
        Assert.Contains("tracestate", names);

        var extracted = TraceContextCarrier.Extract(message);
        Assert.Equal(activity.TraceId, extracted.TraceId);
        Assert.Equal(activity.SpanId, extracted.SpanId);
        Assert.Equal("vendor=abc", extracted.TraceState);
        Assert.True(extracted.IsRemote);

        // The copy the plug keeps for processing carries the same context.
        var copied = TraceContextCarrier.Extract(ReceivedCommand.From(message, packetIdentifier: 7).UserProperties);
        Assert.Equal(activity.TraceId, copied.TraceId);
        Assert.Equal(activity.SpanId, copied.SpanId);
    }
}
