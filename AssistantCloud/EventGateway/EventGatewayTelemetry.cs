namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>The event gateway's span attributes (the spans are on <see cref="AssistantCloudTelemetry.Source"/>).</summary>
internal static class EventGatewayTelemetry
{
    /// <summary>ACCEPTED, or the gateway's error code.</summary>
    public const string CodeAttribute = "alexa.event_gateway.code";
}
