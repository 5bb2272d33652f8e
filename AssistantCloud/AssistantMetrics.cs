using System.Diagnostics.Metrics;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud;

/// <summary>
/// The assistant's metrics (Meter <c>SmartHome.AssistantCloud</c>, from the host's <see cref="IMeterFactory"/>):
/// utterances, token refreshes, link transitions, and the links gauge over <see cref="LinkCounts"/>.
/// </summary>
internal sealed class AssistantMetrics
{
    private readonly Counter<long> _commands;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _linkTransitions;

    public AssistantMetrics(IMeterFactory meterFactory, LinkCounts linkCounts)
    {
        var meter = meterFactory.Create(AssistantCloudTelemetry.SourceName);
        _commands = meter.CreateCounter<long>(
            "smarthome.assistant.commands", unit: "{command}", description: "Utterances handled, by outcome.");
        _refreshes = meter.CreateCounter<long>(
            "smarthome.assistant.token_refreshes", unit: "{refresh}", description: "Refresh-token grants sent to the vendor, by outcome.");
        _linkTransitions = meter.CreateCounter<long>(
            "smarthome.assistant.link_transitions", unit: "{transition}", description: "Account links entering a state, by state and cause.");
        // Never reads Redis itself: LinkIndexService refreshes the counts.
        meter.CreateObservableGauge(
            "smarthome.assistant.links", linkCounts.Measurements, unit: "{link}", description: "Account links by state.");
    }

    /// <summary>An utterance handled, by outcome (Success, LinkExpired, NotLinked, ...).</summary>
    public void Command(UtteranceOutcome outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    /// <summary>A refresh sent to the vendor's token endpoint, by outcome (refreshed, invalid_grant, failed).</summary>
    public void Refresh(string outcome) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A link entering a state (Linked, Expired, Unlinked), with the cause.</summary>
    public void LinkTransition(LinkState state, string cause) =>
        _linkTransitions.Add(1, new KeyValuePair<string, object?>("state", state.ToString()), new KeyValuePair<string, object?>("cause", cause));
}
