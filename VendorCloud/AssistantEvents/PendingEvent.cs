using System.Diagnostics;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// An event waiting for the event gateway: built only when it is sent, with the account's access token of that moment.
/// <see cref="Key"/> names what it reports (one endpoint's state, one directive's answer): a newer event with the same
/// key takes the older one's place (<see cref="EventDraft.Merge"/>). <see cref="Parent"/> is the trace it belongs to.
/// </summary>
internal sealed record PendingEvent(string AccountId, string Key, EventDraft Draft, ActivityContext Parent);

/// <summary>What an event says, before it has a token.</summary>
internal abstract record EventDraft
{
    /// <summary>The event's name for spans and logs, e.g. <c>ChangeReport</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The endpoint it is about, when one.</summary>
    public abstract string? EndpointId { get; }

    public abstract AlexaMessage Build(string token);

    /// <summary>The event that replaces this one when <paramref name="newer"/> has the same key: by default the newer.</summary>
    public virtual EventDraft Merge(EventDraft newer) => newer;
}

/// <summary>
/// A ChangeReport: the endpoint's properties as now known, the names of those that changed, and why. Merged with a
/// newer one, the newest values and cause win and every property either changed is reported as changed.
/// </summary>
internal sealed record ChangeReportDraft(string Endpoint, string Cause, IReadOnlyList<AlexaProperty> Properties,
    IReadOnlySet<string> Changed) : EventDraft
{
    public override string Name => "ChangeReport";

    public override string? EndpointId => Endpoint;

    public override AlexaMessage Build(string token) => ProactiveEvents.ChangeReport(Endpoint, token, Cause,
        [.. Properties.Where(p => Changed.Contains(p.Name))], [.. Properties.Where(p => !Changed.Contains(p.Name))]);

    public override EventDraft Merge(EventDraft newer) => newer is ChangeReportDraft change
        ? change with { Changed = new HashSet<string>(Changed.Union(change.Changed), StringComparer.Ordinal) }
        : newer;
}

/// <summary>Any other event (AddOrUpdateReport, DeleteReport, an asynchronous Response), built by <see cref="Builder"/>.</summary>
internal sealed record MessageDraft(string EventName, string? Endpoint, Func<string, AlexaMessage> Builder) : EventDraft
{
    public override string Name => EventName;

    public override string? EndpointId => Endpoint;

    public override AlexaMessage Build(string token) => Builder(token);
}
