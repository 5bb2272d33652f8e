using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// What the assistant knows itself. With a <see cref="StoreProblem"/> the link and the endpoint could not be
/// read; <see cref="Endpoint"/> is null when the spoken name matches no discovered endpoint. <see cref="ReturnPath"/>:
/// the maker's permission to report and how its last events went, as the event gateway saw them.
/// <see cref="EventGatewayDown"/>: the assistant's own event gateway is switched off, so the maker's reports wait.
/// </summary>
public sealed record AssistantFacts(
    bool Outage,
    string? StoreProblem,
    LinkState? Link,
    string? LinkReason,
    DiscoveredEndpoint? Endpoint,
    FailedCommand? LastFailedCommand,
    ReturnPathFacts? ReturnPath = null,
    bool EventGatewayDown = false)
{
    public static AssistantFacts StoreFailed(bool outage, string problem) => new(outage, problem, null, null, null, null);
}

/// <summary>Everything the diagnosis gathered, for <see cref="DiagnosisRules.Evaluate"/>.</summary>
public sealed record DiagnosisFacts(
    string User,
    string Device,
    DateTimeOffset CheckedAt,
    AssistantFacts Assistant,
    VendorFacts Vendor,
    GatewayFacts Gateway);
