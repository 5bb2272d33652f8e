using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using OpenTelemetry.Context.Propagation;
using SmartHome.ServiceDefaults.Uplink;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) on the messages that are not HTTP: MQTT 5 user properties
/// (lower-case names, as the W3C "Trace Context: MQTT" draft says) and the uplink frames' fields of the same names.
/// OpenTelemetry's W3C propagator writes and reads it. A message without a valid context yields <c>default</c>,
/// so the span started for it is a new root, as for an HTTP request that carries none.
/// </summary>
public static class TraceContextCarrier
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    // Explicit rather than Propagators.DefaultTextMapPropagator, which is a no-op until the SDK starts.
    private static readonly TraceContextPropagator Propagator = new();

    /// <summary>
    /// The context a message carries: its send span's, or, when nothing listens and there is no span, the sender's
    /// current one, so that the trace still joins up.
    /// </summary>
    public static ActivityContext ContextFor(Activity? sendSpan) => (sendSpan ?? Activity.Current)?.Context ?? default;

    /// <summary>Writes <paramref name="context"/> through <paramref name="set"/>; nothing for an empty context.</summary>
    public static void Inject(ActivityContext context, Action<string, string> set) =>
        Propagator.Inject(new PropagationContext(context, default), set, static (setter, key, value) => setter(key, value));

    /// <summary>Reads a remote parent from headers (names compared ignoring case); default when there is none or it is garbled.</summary>
    public static ActivityContext Extract(IEnumerable<KeyValuePair<string, string>> headers) =>
        Propagator.Extract(default, headers, static (carrier, key) => carrier
            .Where(header => string.Equals(header.Key, key, StringComparison.OrdinalIgnoreCase))
            .Select(header => header.Value))
            .ActivityContext;

    /// <summary>Adds the context as MQTT 5 user properties.</summary>
    public static MqttApplicationMessageBuilder WithTraceContext(this MqttApplicationMessageBuilder builder, ActivityContext context)
    {
        Inject(context, (key, value) => builder.WithUserProperty(key, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(value))));
        return builder;
    }

    /// <summary>The sender's context from an MQTT 5 message's user properties.</summary>
    public static ActivityContext Extract(MqttApplicationMessage message) =>
        message.UserProperties is { Count: > 0 } properties
            ? Extract(properties.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())))
            : default;

    /// <summary>The command frame with the context in its <c>traceparent</c>/<c>tracestate</c> fields (none for an empty context).</summary>
    public static CommandFrame WithTraceContext(this CommandFrame frame, ActivityContext context)
    {
        var (traceparent, tracestate) = ToFields(context);
        return frame with { Traceparent = traceparent, Tracestate = tracestate };
    }

    /// <summary>The device frame with the context in its <c>traceparent</c>/<c>tracestate</c> fields (none for an empty context).</summary>
    public static DeviceFrame WithTraceContext(this DeviceFrame frame, ActivityContext context)
    {
        var (traceparent, tracestate) = ToFields(context);
        return frame with { Traceparent = traceparent, Tracestate = tracestate };
    }

    /// <summary>The sender's context from a command frame's fields.</summary>
    public static ActivityContext Extract(CommandFrame frame) => FromFields(frame.Traceparent, frame.Tracestate);

    /// <summary>The sender's context from a device frame's fields.</summary>
    public static ActivityContext Extract(DeviceFrame frame) => FromFields(frame.Traceparent, frame.Tracestate);

    private static (string? Traceparent, string? Tracestate) ToFields(ActivityContext context)
    {
        string? traceparent = null, tracestate = null;
        Inject(context, (key, value) =>
        {
            if (key == TraceParent)
            {
                traceparent = value;
            }
            else if (key == TraceState)
            {
                tracestate = value;
            }
        });
        return (traceparent, tracestate);
    }

    private static ActivityContext FromFields(string? traceparent, string? tracestate) =>
        traceparent is null
            ? default
            : Extract(tracestate is null
                ? [new(TraceParent, traceparent)]
                : [new(TraceParent, traceparent), new(TraceState, tracestate)]);
}
