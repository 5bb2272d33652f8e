using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using SmartHome.ServiceDefaults;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>W3C trace context in MQTT 5 user properties (<c>traceparent</c>, <c>tracestate</c>).</summary>
internal static class MqttTraceContext
{
    public static MqttApplicationMessageBuilder WithTraceContext(this MqttApplicationMessageBuilder builder, Activity? activity)
    {
        TraceContext.Inject(activity, (key, value) =>
            builder.WithUserProperty(key, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(value))));
        return builder;
    }

    public static ActivityContext Extract(IEnumerable<KeyValuePair<string, string>> userProperties) =>
        TraceContext.Extract(userProperties);

    public static ActivityContext Extract(MqttApplicationMessage message) =>
        Extract(message.UserProperties?.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())) ?? []);
}
