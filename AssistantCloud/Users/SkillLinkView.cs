using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>
/// A link as the person's app shows it (`GET /api/users/{user}/skills`): state, why it expired,
/// and dates, and the skill's permission to report (<see cref="EventGrant"/>); never tokens.
/// </summary>
public sealed record SkillLinkView(
    string SkillId,
    string DisplayName,
    LinkState State,
    string? Reason,
    DateTimeOffset? LinkedAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? AccessTokenExpiresAt,
    EventGrantView? EventGrant = null)
{
    public static SkillLinkView From(AccountLink link, string displayName, EventGrantView? eventGrant = null) => new(
        link.Skill,
        displayName,
        link.State,
        link.Reason,
        link.State == LinkState.Linked ? link.LinkedAt : null,
        link.State == LinkState.Expired ? link.ExpiredAt : null,
        link.State == LinkState.Linked ? link.ExpiresAt : null,
        eventGrant);
}
