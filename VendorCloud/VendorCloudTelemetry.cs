using System.Diagnostics;

namespace SmartHome.VendorCloud;

/// <summary>The service's ActivitySource; ServiceDefaults exports every source named SmartHome.*.</summary>
internal static class VendorCloudTelemetry
{
    public const string SourceName = "SmartHome.VendorCloud";

    public static readonly ActivitySource Source = new(SourceName);
}
