using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud;

/// <summary>The service's own spans and metrics; ServiceDefaults exports every source and meter named SmartHome.*.</summary>
internal static class AssistantCloudTelemetry
{
    public const string SourceName = "SmartHome.AssistantCloud";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    /// <summary>Utterances handled, by outcome (Success, LinkExpired, NotLinked, ...).</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "smarthome.assistant.commands", unit: "{command}", description: "Utterances handled, by outcome.");

    /// <summary>Refreshes sent to the vendor's token endpoint, by outcome (refreshed, invalid_grant, failed).</summary>
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        "smarthome.assistant.token_refreshes", unit: "{refresh}", description: "Refresh-token grants sent to the vendor, by outcome.");

    /// <summary>Links entering a state (Linked, Expired, Unlinked), with the cause.</summary>
    public static readonly Counter<long> LinkTransitions = Meter.CreateCounter<long>(
        "smarthome.assistant.link_transitions", unit: "{transition}", description: "Account links entering a state, by state and cause.");

    /// <summary>The counts the links gauge reports; <see cref="LinkIndexService"/> refreshes them from Redis.</summary>
    public static readonly LinkCounts LinkCounts = new();

    /// <summary>Account links by state (Linked, Expired, Unlinked); never reads Redis itself.</summary>
    public static readonly ObservableGauge<long> Links = Meter.CreateObservableGauge(
        "smarthome.assistant.links", LinkCounts.Measurements, unit: "{link}", description: "Account links by state.");

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
