using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.Vendor;

/// <summary>The vendor's skill endpoint: one directive in, one Alexa event out.</summary>
public interface IVendorClient
{
    /// <exception cref="VendorUnavailableException">No Alexa event came back within the budget.</exception>
    Task<AlexaEvent> SendAsync(AlexaDirective directive, CancellationToken cancellationToken);
}
