using System.Diagnostics;

namespace SmartHome.AssistantCloud;

/// <summary>The service's own spans; ServiceDefaults exports every source named SmartHome.*.</summary>
internal static class AssistantCloudTelemetry
{
    public const string SourceName = "SmartHome.AssistantCloud";

    public static readonly ActivitySource Source = new(SourceName);

    public const string IntentAttribute = "smarthome.intent";
    public const string OutcomeAttribute = "smarthome.outcome";
    public const string DeviceAttribute = "smarthome.device";
    public const string UserAttribute = "smarthome.user";
    public const string SkillAttribute = "smarthome.skill";
    public const string AlexaErrorTypeAttribute = "alexa.error.type";
}
