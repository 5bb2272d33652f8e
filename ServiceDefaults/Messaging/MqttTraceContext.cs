using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// W3C trace context in MQTT 5 user properties, <c>traceparent</c> and <c>tracestate</c> in lower
/// case, as the W3C "Trace Context: MQTT" draft says. MQTTnet has no ActivitySource of its own.
/// </summary>
public static class MqttTraceContext
{
    public static MqttApplicationMessageBuilder WithTraceContext(this MqttApplicationMessageBuilder builder, Activity? activity)
    {
        TraceContext.Inject(activity, (key, value) => builder.WithUserProperty(key, Utf8(value)));
        return builder;
    }

    public static void Inject(Activity? activity, MqttApplicationMessage message)
    {
        message.UserProperties ??= [];
        var properties = message.UserProperties;
        TraceContext.Inject(activity, (key, value) => properties.Add(new MqttUserProperty(key, Utf8(value))));
    }

    public static ActivityContext Extract(IEnumerable<KeyValuePair<string, string>> userProperties) =>
        TraceContext.Extract(userProperties);

    public static ActivityContext Extract(MqttApplicationMessage message) =>
        message.UserProperties is { Count: > 0 } properties
            ? Extract(properties.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())))
            : default;

    private static ReadOnlyMemory<byte> Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
