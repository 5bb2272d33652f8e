using System.Diagnostics;

namespace SmartHome.SimulatedPlug.Telemetry;

/// <summary>
/// The plug's spans, named and tagged after the OpenTelemetry messaging semantic conventions
/// (<c>send &lt;topic&gt;</c> Producer, <c>process &lt;topic&gt;</c> Consumer).
/// </summary>
internal static class PlugTelemetry
{
    public const string SourceName = "SmartHome.SimulatedPlug";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartSend(string topic, string clientId) =>
        StartMessaging($"send {topic}", ActivityKind.Producer, default, topic, clientId, "send", "publish");

    public static Activity? StartProcess(string topic, string clientId, ActivityContext parent) =>
        StartMessaging($"process {topic}", ActivityKind.Consumer, parent, topic, clientId, "process", "process");

    /// <summary>Marks the span failed; the description must not hold secrets (the plug has none to leak).</summary>
    public static void Fail(this Activity? activity, string description) =>
        activity?.SetStatus(ActivityStatusCode.Error, description);

    public static void SetMessageId(this Activity? activity, ushort? packetIdentifier)
    {
        // MQTT has no message id of its own; the packet identifier is the closest (QoS > 0 only).
        if (packetIdentifier is > 0)
        {
            activity?.SetTag("messaging.message.id", packetIdentifier.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static Activity? StartMessaging(
        string name, ActivityKind kind, ActivityContext parent, string topic, string clientId, string operationType, string operationName)
    {
        var activity = Source.StartActivity(name, kind, parent);
        // The protocol, not messaging.system: the Aspire dashboard labels a span carrying messaging.system
        // "MSG <system> <destination>" instead of showing its name.
        activity?.SetTag("network.protocol.name", "mqtt");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.operation.type", operationType);
        activity?.SetTag("messaging.operation.name", operationName);
        activity?.SetTag("messaging.client.id", clientId);
        return activity;
    }
}
