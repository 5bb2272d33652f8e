using System.ComponentModel.DataAnnotations;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Configuration section <c>AssistantEvents</c>: the assistant's token service and event gateway, and the skill's
/// client credentials there (the AppHost's <c>skill-client-secret</c>). Without them the return path is off: AcceptGrant
/// fails with ACCEPT_GRANT_FAILED, and nothing is reported (one log line at start says so).
/// </summary>
internal sealed class AssistantEventsOptions
{
    public const string SectionName = "AssistantEvents";

    /// <summary>Login with Amazon's role: <c>http://assistantcloud/auth/o2/token</c>.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary><c>http://assistantcloud/v3/events</c>.</summary>
    public Uri? EventGatewayUrl { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How many events may wait for the event gateway (one per endpoint for state: the newest wins); beyond, the oldest is dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The access token is refreshed this long before it expires (Amazon's sample: 30 s; Home Assistant: 300 s).</summary>
    [Range(0, 3600)]
    public int RefreshBeforeExpirySeconds { get; set; } = 60;

    /// <summary>How long the skill waits for the plug before it answers a directive with a DeferredResponse.</summary>
    [Range(100, 7000)]
    public int DeferAfterMilliseconds { get; set; } = 1500;

    public bool IsConfigured =>
        TokenUrl is not null && EventGatewayUrl is not null && !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret);

    public TimeSpan RefreshBeforeExpiry => TimeSpan.FromSeconds(RefreshBeforeExpirySeconds);

    public TimeSpan DeferAfter => TimeSpan.FromMilliseconds(DeferAfterMilliseconds);
}
