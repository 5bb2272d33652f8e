using System.Diagnostics;

namespace SmartHome.SimulatedPlug.Telemetry;

/// <summary>
/// The plug's ActivitySource; its spans (<c>send &lt;topic&gt;</c>, <c>process &lt;topic&gt;</c>) are started and
/// tagged with ServiceDefaults' MessagingSpans.
/// </summary>
internal static class PlugTelemetry
{
    public const string SourceName = "SmartHome.SimulatedPlug";

    public static readonly ActivitySource Source = new(SourceName);
}
