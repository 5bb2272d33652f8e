using System.ComponentModel.DataAnnotations;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The event gateway and its token service (Login with Amazon's role), `EventGateway:*`: the skill's client
/// credentials, the token lifetimes (AppHost parameters), Amazon's schema (a path outside the repository) and
/// the per-token rate limit.
/// </summary>
public sealed class EventGatewayOptions
{
    public const string SectionName = "EventGateway";

    /// <summary>The skill's (the vendor's) client id at the token service.</summary>
    public string SkillClientId { get; set; } = "smarthome-skill";

    /// <summary>Its secret; empty: every client is refused (invalid_client).</summary>
    public string SkillClientSecret { get; set; } = "";

    /// <summary>LWA's access tokens live an hour.</summary>
    [Range(1, 31_536_000)]
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>0: refresh tokens never expire, as LWA's.</summary>
    [Range(0, 36_500)]
    public int RefreshTokenLifetimeDays { get; set; }

    /// <summary>Amazon's Alexa Smart Home message schema; empty or absent: structural checks only.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>Events a token may post per second, on average.</summary>
    [Range(1, 10_000)]
    public int EventsPerSecond { get; set; } = 10;

    /// <summary>Events a token may post at once before it is throttled.</summary>
    [Range(1, 10_000)]
    public int EventBurst { get; set; } = 20;

    /// <summary>A grant code's life: LWA's are good for 5 minutes, once.</summary>
    public static readonly TimeSpan GrantCodeLifetime = TimeSpan.FromMinutes(5);
}
