using System.Diagnostics;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway;

/// <summary>The gateway's ActivitySource and the OpenTelemetry messaging attribute names it uses.</summary>
internal static class GatewayTelemetry
{
    public const string SourceName = "SmartHome.DeviceGateway";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Where the messaging conventions put <c>messaging.system</c>: the Aspire dashboard labels a span that carries
    /// <c>messaging.system</c> "MSG &lt;system&gt; &lt;destination&gt;" instead of showing its name, so the protocol goes here.
    /// </summary>
    public const string NetworkProtocolName = "network.protocol.name";
    public const string MessagingDestinationName = "messaging.destination.name";
    public const string MessagingOperationType = "messaging.operation.type";
    public const string MessagingOperationName = "messaging.operation.name";
    public const string MessagingClientId = "messaging.client.id";
    public const string MessagingMessageId = "messaging.message.id";
    public const string MessagingConversationId = "messaging.message.conversation_id";
    public const string DeviceId = "smarthome.device.id";
    public const string CommandStatus = "smarthome.command.status";

    /// <summary>
    /// Marks the span that saw a command fail (docs/protocols.md, "Failed commands in traces"): status Error,
    /// the hop that broke and the cause. The dashboard shows the failing hop at a glance.
    /// </summary>
    public static void RecordFailure(Activity? activity, FailedHop failure) =>
        activity.MarkFailedHop(failure, Headline(failure));

    /// <summary>The cause as a headline: "plug did not answer within 5 s".</summary>
    public static string Headline(FailedHop failure) =>
        failure.Cause.StartsWith("the ", StringComparison.Ordinal) ? failure.Cause[4..] : $"{failure.Hop}: {failure.Cause}";

    /// <summary>A Producer span <c>send {destination}</c> after the messaging conventions.</summary>
    public static Activity? StartSend(string protocol, string destination, string clientId)
    {
        var activity = Source.StartActivity($"send {destination}", ActivityKind.Producer);
        activity?.SetTag(NetworkProtocolName, protocol)
            .SetTag(MessagingDestinationName, destination)
            .SetTag(MessagingOperationType, "send")
            .SetTag(MessagingOperationName, "publish")
            .SetTag(MessagingClientId, clientId);
        return activity;
    }

    /// <summary>A Consumer span <c>process {destination}</c> whose parent is the sender's context.</summary>
    public static Activity? StartProcess(string protocol, string destination, string clientId, ActivityContext parent)
    {
        var activity = Source.StartActivity($"process {destination}", ActivityKind.Consumer, parent);
        activity?.SetTag(NetworkProtocolName, protocol)
            .SetTag(MessagingDestinationName, destination)
            .SetTag(MessagingOperationType, "process")
            .SetTag(MessagingOperationName, "process")
            .SetTag(MessagingClientId, clientId);
        return activity;
    }

    /// <summary>W3C traceparent of a context, for frames that carry it as a field.</summary>
    public static string? FormatTraceParent(ActivityContext context) =>
        context == default
            ? null
            : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(byte)context.TraceFlags:x2}";
}
