using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Users;

/// <summary>
/// The skill's permission to report, as the skills view shows it: the grant's state (issued, active, failed,
/// revoked, disabled) and why, and the last event the skill posted (accepted or refused, with the gateway's code).
/// </summary>
public sealed record EventGrantView(
    string State,
    string? Reason,
    DateTimeOffset Since,
    DateTimeOffset? LastEventAt,
    string? LastEventStatus,
    string? LastEventError)
{
    public static EventGrantView? From(ReturnPathFacts facts) => facts.Grant is not { } grant
        ? null
        : new(grant.State, grant.Reason, grant.UpdatedAt, facts.LastEvent?.At, facts.LastEvent?.Status, facts.LastEvent?.Error);
}
