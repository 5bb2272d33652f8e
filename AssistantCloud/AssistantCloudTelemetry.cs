using System.Diagnostics;

namespace SmartHome.AssistantCloud;

/// <summary>The service's own spans and their attribute names (metrics: <see cref="AssistantMetrics"/>); ServiceDefaults exports every source and meter named SmartHome.*.</summary>
internal static class AssistantCloudTelemetry
{
    public const string SourceName = "SmartHome.AssistantCloud";

    public static readonly ActivitySource Source = new(SourceName);

    public const string IntentAttribute = "smarthome.intent";
    public const string OutcomeAttribute = "smarthome.outcome";
    public const string DeviceAttribute = "smarthome.device";
    public const string UserAttribute = "smarthome.user";
    public const string SkillAttribute = "smarthome.skill";
    public const string FirstFailingHopAttribute = "smarthome.diagnosis.first_failing_hop";
    public const string AlexaErrorTypeAttribute = "alexa.error.type";
    public const string OAuthGrantTypeAttribute = "oauth.grant_type";
    public const string OAuthErrorAttribute = "oauth.error";
    public const string OAuthOutcomeAttribute = "oauth.outcome";
}
