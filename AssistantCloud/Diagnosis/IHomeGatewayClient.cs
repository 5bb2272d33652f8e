namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>Asks the home gateway for its own status on the home network; never throws for a missing answer.</summary>
public interface IHomeGatewayClient
{
    Task<GatewayFacts> GetStatusAsync(CancellationToken cancellationToken);
}
