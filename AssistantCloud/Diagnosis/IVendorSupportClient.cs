using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>Asks the vendor's partner support view about one device; never throws for a missing answer.</summary>
public interface IVendorSupportClient
{
    Task<VendorFacts> GetDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>The same, for a discovered endpoint: its cookie names its home, which tells a fleet's many plug-1 apart.</summary>
    Task<VendorFacts> GetDeviceAsync(DiscoveredEndpoint endpoint, CancellationToken cancellationToken) =>
        GetDeviceAsync(endpoint.EndpointId, cancellationToken);
}
