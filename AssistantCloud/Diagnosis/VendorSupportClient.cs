using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// <c>GET http://vendorcloud/api/support/devices/{deviceId}[?home={homeId}]</c> with the assistant's client credentials (HTTP
/// Basic, form-encoded as at the token endpoint). One attempt within <see cref="Timeouts.Vendor"/>, end to
/// end: no retry handler is configured on this client (ServiceDefaults adds only service discovery).
/// </summary>
internal sealed partial class VendorSupportClient(HttpClient http, IOptions<LinkingOptions> linking, ILogger<VendorSupportClient> logger)
    : IVendorSupportClient
{
    public const string DevicesPath = "/api/support/devices/";

    /// <summary>The whole request's budget, end to end; the contract's <see cref="Timeouts.Vendor"/> unless a test says otherwise.</summary>
    public TimeSpan Budget { get; init; } = Timeouts.Vendor;

    public Task<VendorFacts> GetDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        GetAsync(DevicesPath + Uri.EscapeDataString(deviceId), cancellationToken);

    public Task<VendorFacts> GetDeviceAsync(DiscoveredEndpoint endpoint, CancellationToken cancellationToken) =>
        GetAsync(DevicesPath + Uri.EscapeDataString(endpoint.EndpointId)
            + (endpoint.Cookie.TryGetValue("homeId", out var homeId) ? $"?home={Uri.EscapeDataString(homeId)}" : ""), cancellationToken);

    private async Task<VendorFacts> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new BasicAuthenticationOAuthHeaderValue(linking.Value.ClientId, linking.Value.ClientSecret);
        var (outcome, problem, view) = await JsonProbe.GetAsync<VendorSupportView>(http, request, Budget,
            notFoundIsAnAnswer: true, "an answer that is not the support view", cancellationToken);
        if (problem is not null)
        {
            LogFailed(problem);
        }

        return new VendorFacts(outcome, problem, view);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The vendor's support view gave no answer: {Problem}")]
    private partial void LogFailed(string problem);
}
