using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// <c>GET {Diagnosis:GatewayUrl}/api/status?home={homeId}</c> (the home's shard's gateway, <see cref="DiagnosisOptions.GatewayUrlOf"/>), as the maker's app on a phone at home would. One attempt
/// within <see cref="Timeouts.Gateway"/>; without a configured address the facts say so.
/// </summary>
internal sealed partial class HomeGatewayClient(HttpClient http, IOptions<DiagnosisOptions> options, ILogger<HomeGatewayClient> logger)
    : IHomeGatewayClient
{
    public const string StatusPath = "/api/status";

    /// <summary>The whole request's budget, end to end; the contract's <see cref="Timeouts.Gateway"/> unless a test says otherwise.</summary>
    public TimeSpan Budget { get; init; } = Timeouts.Gateway;

    public async Task<GatewayFacts> GetStatusAsync(string? homeId, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(options.Value.GatewayUrlOf(homeId), UriKind.Absolute, out var gateway))
        {
            return GatewayFacts.NotAsked(GatewayFacts.NotConfigured);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway,
            homeId is null ? StatusPath : $"{StatusPath}?home={Uri.EscapeDataString(homeId)}"));
        var (outcome, problem, view) = await JsonProbe.GetAsync<GatewayStatusView>(http, request, Budget,
            notFoundIsAnAnswer: false, "an answer that is not the gateway's status", cancellationToken);
        if (problem is not null)
        {
            LogFailed(problem);
        }

        return new GatewayFacts(outcome, problem, view);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The home gateway gave no answer: {Problem}")]
    private partial void LogFailed(string problem);
}
