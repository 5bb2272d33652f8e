using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>W3C trace context in MQTT 5 user properties (<c>traceparent</c>/<c>tracestate</c>, lower case).</summary>
internal static class MqttTraceContext
{
    public static void Inject(Activity? activity, MqttApplicationMessage message)
    {
        message.UserProperties ??= [];
        var properties = message.UserProperties;
        TraceContext.Inject(activity, (key, value) => properties.Add(new MqttUserProperty(key, Encoding.UTF8.GetBytes(value).AsMemory())));
    }

    public static ActivityContext Extract(MqttApplicationMessage message) =>
        message.UserProperties is { Count: > 0 } properties
            ? TraceContext.Extract(properties.Select(p => KeyValuePair.Create(p.Name, p.ReadValueAsString())))
            : default;
}
