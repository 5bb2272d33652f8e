using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>Sends Alexa.Discovery/Discover and replaces the user's endpoint list for the skill with the answer.</summary>
internal sealed partial class DiscoveryService(
    AccessTokenProvider tokens,
    IVendorClient vendor,
    IAssistantStore store,
    ILogger<DiscoveryService> logger)
{
    public async Task<DiscoveryResult> DiscoverAsync(string user, string skill, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(user, skill, cancellationToken);
        if (token.Status != AccessTokenStatus.Valid)
        {
            return DiscoveryResult.Failed($"no access token: {token}");
        }

        AlexaEvent answer;
        try
        {
            answer = await vendor.SendAsync(DirectiveBuilder.Discover(token.AccessToken!), cancellationToken);
        }
        catch (VendorUnavailableException ex)
        {
            return DiscoveryResult.Failed(ex.Message);
        }

        if (answer.Name != "Discover.Response")
        {
            return DiscoveryResult.Failed($"the vendor answered {answer.Name} {answer.ErrorType}");
        }

        // One entry per endpointId: a vendor listing a device twice must not give two lamps.
        List<DiscoveredEndpoint> endpoints = [.. answer.Endpoints.DistinctBy(e => e.EndpointId)];
        await store.ReplaceEndpointsAsync(user, skill, endpoints, cancellationToken);
        LogDiscovered(user, skill, endpoints.Count);
        return new DiscoveryResult(true, endpoints.Count, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery for {User} on {Skill} found {Count} endpoints")]
    private partial void LogDiscovered(string user, string skill, int count);
}
