using System.Diagnostics;
using System.Globalization;
using SmartHome.ServiceDefaults.Uplink;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The project's one set of messaging span names and tags (docs/protocols.md), after the OpenTelemetry messaging
/// conventions: <c>send &lt;destination&gt;</c> (Producer) and <c>process &lt;destination&gt;</c> (Consumer) for MQTT,
/// <c>send command &lt;device&gt;</c>, <c>process command &lt;device&gt;</c> and
/// <c>process device &lt;device&gt; online|offline</c> for the uplink's frames. Each service starts them on its own
/// ActivitySource; the parent of a Consumer span is the context the message carried (<see cref="TraceContextCarrier"/>).
/// </summary>
public static class MessagingSpans
{
    /// <summary>
    /// Where the conventions put <c>messaging.system</c>: the Aspire dashboard labels a span that carries
    /// <c>messaging.system</c> "MSG &lt;system&gt; &lt;destination&gt;" instead of showing its name, so the protocol goes here.
    /// </summary>
    public const string NetworkProtocolName = "network.protocol.name";
    public const string DestinationName = "messaging.destination.name";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string ClientId = "messaging.client.id";
    public const string MessageId = "messaging.message.id";
    public const string ConversationId = "messaging.message.conversation_id";
    public const string DeviceId = "smarthome.device.id";
    public const string DeviceOnline = "smarthome.device.online";

    public const string Mqtt = "mqtt";
    public const string WebSocket = "websocket";

    /// <summary>A Producer span <c>send {topic}</c>: an MQTT publish.</summary>
    public static Activity? StartMqttSend(this ActivitySource source, string topic, string clientId) =>
        source.StartMessaging($"send {topic}", ActivityKind.Producer, default, Mqtt, topic, "send", "publish")
            ?.SetTag(ClientId, clientId);

    /// <summary>A Consumer span <c>process {topic}</c> whose parent is the publisher's context.</summary>
    public static Activity? StartMqttProcess(this ActivitySource source, string topic, string clientId, ActivityContext parent) =>
        source.StartMessaging($"process {topic}", ActivityKind.Consumer, parent, Mqtt, topic, "process", "process")
            ?.SetTag(ClientId, clientId);

    /// <summary>The uplink of a home as a destination: <c>uplink/{homeId}</c>.</summary>
    public static string UplinkDestination(string homeId) => $"uplink/{homeId}";

    /// <summary>A Producer span <c>send command {device}</c>: the command frame leaves on the home's uplink.</summary>
    public static Activity? StartUplinkSend(this ActivitySource source, string homeId, CommandFrame command) =>
        source.StartMessaging($"send command {command.DeviceId}", ActivityKind.Producer, default,
                WebSocket, UplinkDestination(homeId), "send", "command")
            ?.SetTag(MessageId, command.Id)
            .SetTag(DeviceId, command.DeviceId);

    /// <summary>A Consumer span <c>process command {device}</c> whose parent is the context the frame carried.</summary>
    public static Activity? StartUplinkProcess(this ActivitySource source, string homeId, CommandFrame command) =>
        source.StartMessaging($"process command {command.DeviceId}", ActivityKind.Consumer, TraceContextCarrier.Extract(command),
                WebSocket, UplinkDestination(homeId), "process", "command")
            ?.SetTag(MessageId, command.Id)
            .SetTag(DeviceId, command.DeviceId);

    /// <summary>A Consumer span <c>process device {device} online|offline</c> whose parent is the context the frame carried.</summary>
    public static Activity? StartUplinkProcess(this ActivitySource source, string homeId, DeviceFrame device) =>
        source.StartMessaging($"process device {device.DeviceId} {(device.Online ? "online" : "offline")}", ActivityKind.Consumer,
                TraceContextCarrier.Extract(device), WebSocket, UplinkDestination(homeId), "process", "device")
            ?.SetTag(DeviceId, device.DeviceId)
            .SetTag(DeviceOnline, device.Online);

    /// <summary>MQTT has no message id of its own; the packet identifier is the closest (QoS &gt; 0 only).</summary>
    public static Activity? SetPacketIdentifier(this Activity? activity, ushort? packetIdentifier) =>
        packetIdentifier is > 0
            ? activity?.SetTag(MessageId, packetIdentifier.Value.ToString(CultureInfo.InvariantCulture))
            : activity;

    /// <summary>The request a message belongs to (an MQTT command and its response share the correlation data).</summary>
    public static Activity? SetConversationId(this Activity? activity, Guid conversationId) =>
        activity?.SetTag(ConversationId, conversationId.ToString());

    /// <summary>Marks the span failed without naming a hop; the description must hold no secrets.</summary>
    public static Activity? Fail(this Activity? activity, string description) =>
        activity?.SetStatus(ActivityStatusCode.Error, description);

    /// <summary>
    /// Marks the span that saw a command fail (docs/protocols.md, "Failed commands in traces"): status Error, renamed to
    /// the cause as a headline, with the hop that broke (<see cref="FailedHopActivityExtensions.MarkFailedHop"/>).
    /// </summary>
    public static Activity? Fail(this Activity? activity, FailedHop failure) =>
        activity.MarkFailedHop(failure, Headline(failure));

    /// <summary>The cause as a headline: "plug did not answer within 5 s".</summary>
    public static string Headline(FailedHop failure) =>
        failure.Cause.StartsWith("the ", StringComparison.Ordinal) ? failure.Cause[4..] : $"{failure.Hop}: {failure.Cause}";

    // No messaging.system, on purpose: see NetworkProtocolName.
    private static Activity? StartMessaging(this ActivitySource source, string name, ActivityKind kind, ActivityContext parent,
        string protocol, string destination, string operationType, string operationName) =>
        source.StartActivity(name, kind, parent)
            ?.SetTag(NetworkProtocolName, protocol)
            .SetTag(DestinationName, destination)
            .SetTag(OperationType, operationType)
            .SetTag(OperationName, operationName);
}
