using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// <c>GET {Diagnosis:GatewayUrl}/api/status</c>, as the maker's app on a phone at home would. One attempt
/// within <see cref="Timeouts.Gateway"/>; without a configured address the facts say so.
/// </summary>
internal sealed partial class HomeGatewayClient(HttpClient http, IOptions<DiagnosisOptions> options, ILogger<HomeGatewayClient> logger)
    : IHomeGatewayClient
{
    public const string StatusPath = "/api/status";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The whole request's budget, end to end; the contract's <see cref="Timeouts.Gateway"/> unless a test says otherwise.</summary>
    public TimeSpan Budget { get; init; } = Timeouts.Gateway;

    public async Task<GatewayFacts> GetStatusAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(options.Value.GatewayUrl, UriKind.Absolute, out var gateway))
        {
            return GatewayFacts.NotAsked(GatewayFacts.NotConfigured);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            using var response = await http.GetAsync(new Uri(gateway, StatusPath), budget.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return await response.Content.ReadFromJsonAsync<GatewayStatusView>(Json, budget.Token) is { } view
                ? GatewayFacts.Answered(view)
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
            return Failed("an answer that is not the gateway's status");
        }
    }

    private GatewayFacts Failed(string problem)
    {
        LogFailed(problem);
        return GatewayFacts.Failed(problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The home gateway gave no answer: {Problem}")]
    private partial void LogFailed(string problem);
}
