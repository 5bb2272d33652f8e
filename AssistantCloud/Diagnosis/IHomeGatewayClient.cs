namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>Asks the home gateway for its own status on the home network; never throws for a missing answer.</summary>
public interface IHomeGatewayClient
{
    /// <summary>The status of one home (<c>?home=</c>); null asks for the gateway's default, the story's home.</summary>
    Task<GatewayFacts> GetStatusAsync(string? homeId, CancellationToken cancellationToken);
}
