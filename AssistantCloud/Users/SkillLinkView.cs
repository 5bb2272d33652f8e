using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>A link as the person's app shows it: state and dates, never tokens.</summary>
public sealed record SkillLinkView(
    string Skill,
    string DisplayName,
    LinkState State,
    string? VendorAccount,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? UpdatedAt,
    string? Reason);
