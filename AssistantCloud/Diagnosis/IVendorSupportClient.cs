namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>Asks the vendor's partner support view about one device; never throws for a missing answer.</summary>
public interface IVendorSupportClient
{
    Task<VendorFacts> GetDeviceAsync(string deviceId, CancellationToken cancellationToken);
}
