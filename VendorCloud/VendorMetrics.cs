using System.Diagnostics.Metrics;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud;

/// <summary>
/// The vendor's metrics of the chain (Meter <c>SmartHome.VendorCloud</c>): homes with an uplink, devices
/// online, and directives by namespace, name and outcome (the Alexa error type, or "success").
/// </summary>
internal sealed class VendorMetrics
{
    public const string Success = "success";

    private readonly Counter<long> _directives;

    public VendorMetrics(IMeterFactory meterFactory, UplinkRegistry registry)
    {
        var meter = meterFactory.Create(VendorCloudTelemetry.SourceName);
        meter.CreateObservableGauge("smarthome.vendor.uplinks_up", () => registry.ConnectedHomes, "{home}",
            "Homes whose gateway has an open uplink.");
        meter.CreateObservableGauge("smarthome.vendor.devices_online", () => registry.OnlineDevices, "{device}",
            "Devices their home reports online.");
        _directives = meter.CreateCounter<long>("smarthome.vendor.directives", "{directive}",
            "Alexa directives answered, by namespace, name and outcome (the Alexa error type, or success).");
    }

    public void Directive(string? @namespace, string? name, string outcome) =>
        _directives.Add(1,
            new KeyValuePair<string, object?>("namespace", @namespace ?? "(none)"),
            new KeyValuePair<string, object?>("name", name ?? "(none)"),
            new KeyValuePair<string, object?>("outcome", outcome));
}
