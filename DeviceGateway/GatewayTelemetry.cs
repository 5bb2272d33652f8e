using System.Diagnostics;

namespace SmartHome.DeviceGateway;

/// <summary>
/// The gateway's ActivitySource; its messaging spans are started and tagged with ServiceDefaults' MessagingSpans.
/// </summary>
internal static class GatewayTelemetry
{
    public const string SourceName = "SmartHome.DeviceGateway";

    public static readonly ActivitySource Source = new(SourceName);

    public const string CommandStatus = "smarthome.command.status";
}
