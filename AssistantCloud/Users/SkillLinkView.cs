using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>
/// A link as the person's app shows it (`GET /api/users/{user}/skills`): state, why it expired,
/// and dates; never tokens.
/// </summary>
public sealed record SkillLinkView(
    string SkillId,
    string DisplayName,
    LinkState State,
    string? Reason,
    DateTimeOffset? LinkedAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? AccessTokenExpiresAt)
{
    public static SkillLinkView From(AccountLink link, string displayName) => new(
        link.Skill,
        displayName,
        link.State,
        link.Reason,
        link.State == LinkState.Linked ? link.LinkedAt : null,
        link.State == LinkState.Expired ? link.ExpiredAt : null,
        link.State == LinkState.Linked ? link.ExpiresAt : null);
}
