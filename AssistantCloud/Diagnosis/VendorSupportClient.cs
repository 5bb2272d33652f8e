using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// <c>GET http://vendorcloud/api/support/devices/{deviceId}</c> with the assistant's client credentials (HTTP
/// Basic, form-encoded as at the token endpoint). One attempt within <see cref="Timeouts.Vendor"/>, end to
/// end: no retry handler is configured on this client (ServiceDefaults adds only service discovery).
/// </summary>
internal sealed partial class VendorSupportClient(HttpClient http, IOptions<LinkingOptions> linking, ILogger<VendorSupportClient> logger)
    : IVendorSupportClient
{
    public const string DevicesPath = "/api/support/devices/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The whole request's budget, end to end; the contract's <see cref="Timeouts.Vendor"/> unless a test says otherwise.</summary>
    public TimeSpan Budget { get; init; } = Timeouts.Vendor;

    public async Task<VendorFacts> GetDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, DevicesPath + Uri.EscapeDataString(deviceId));
            request.Headers.Authorization = new BasicAuthenticationOAuthHeaderValue(linking.Value.ClientId, linking.Value.ClientSecret);
            using var response = await http.SendAsync(request, budget.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return VendorFacts.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return await response.Content.ReadFromJsonAsync<VendorSupportView>(Json, budget.Token) is { } view
                ? VendorFacts.Answered(view)
                : Failed("an empty answer");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("timeout");
        }
        catch (HttpRequestException ex)
        {
            return Failed(ProbeFailures.Of(ex));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return Failed("an answer that is not the support view");
        }
    }

    private VendorFacts Failed(string problem)
    {
        LogFailed(problem);
        return VendorFacts.Failed(problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The vendor's support view gave no answer: {Problem}")]
    private partial void LogFailed(string problem);
}
