using System.Text;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// A person's link with a skill: the tokens the vendor issued for it, when the access token
/// expires, and when the link was made or expired (<see cref="Reason"/> says why). Tokens are secrets: <see cref="ToString"/> leaves them out so that a log line never
/// carries one.
/// </summary>
public sealed record AccountLink(
    string User,
    string Skill,
    LinkState State,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    string? VendorAccount,
    DateTimeOffset UpdatedAt,
    string? Reason = null,
    DateTimeOffset? LinkedAt = null,
    DateTimeOffset? ExpiredAt = null)
{
    public static AccountLink Unlinked(string user, string skill, DateTimeOffset now) =>
        new(user, skill, LinkState.Unlinked, null, null, null, null, now);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"User = {User}, Skill = {Skill}, State = {State}, ExpiresAt = {ExpiresAt:O}, ");
        builder.Append($"VendorAccount = {VendorAccount}, UpdatedAt = {UpdatedAt:O}, Reason = {Reason}, ");
        builder.Append($"LinkedAt = {LinkedAt:O}, ExpiredAt = {ExpiredAt:O}");
        return true;
    }
}
