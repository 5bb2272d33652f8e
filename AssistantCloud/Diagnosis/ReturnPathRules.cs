using System.Globalization;
using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// The return path in the diagnosis: the maker's reports (ChangeReports) are refused or cannot be sent, so the
/// assistant shows a stale state. From the assistant's own facts (the grant revoked or failed, the last event
/// refused, the last refresh refused) and the maker's support view (<c>assistantGrant</c> lost). Linking again
/// gives the maker a new grant through AcceptGrant.
/// </summary>
internal static class ReturnPathRules
{
    private const string Stale = "The assistant shows stale state because the maker's reports are refused: the maker's permission to report";

    /// <summary>The problem (detail and cause), or null when nothing says the reports are refused.</summary>
    public static (string Detail, string Cause)? Problem(ReturnPathFacts? own, VendorAssistantGrantView? maker)
    {
        var grant = own?.Grant;
        var lastEvent = own?.LastEvent;
        var refusedEvent = lastEvent is { Status: "refused", Error: EventGatewayError.InvalidAccessToken or EventGatewayError.SkillDisabled or EventGatewayError.InsufficientPermission };
        // A grant that failed at AcceptGrant is no return path rather than a broken one (ACCEPT_GRANT_FAILED
        // itself fails the link, which the link hop reports first).
        var grantEnded = grant?.State is EventGrantStates.Revoked;
        var makerLost = maker is { State: "lost" };
        // The last event refused while the grant is active is only a problem once the refresh was refused too
        // (an expired access token alone is refreshed by the maker).
        var refreshRefused = own?.LastRefusal is { } refusal && (lastEvent is null || refusal.At >= lastEvent.At.AddMinutes(-5));
        if (!grantEnded && !makerLost && !(refusedEvent && (refreshRefused || grant?.State != EventGrantStates.Active)))
        {
            return null;
        }

        var ended = (grant?.State, grant?.Reason, maker?.Reason) switch
        {
            (EventGrantStates.Failed, _, _) or (_, _, "accept_grant_failed") => "was never granted: the maker could not accept it when the accounts were linked",
            (EventGrantStates.Revoked, _, _) => "was revoked",
            (_, _, "skill_disabled") => "ended when the skill was disabled",
            _ => "has expired",
        };

        List<string> detail = [];
        if (grant is not null)
        {
            detail.Add($"The assistant's grant to the maker is {grant.State}{(grant.Reason is { Length: > 0 } r ? $" ({r})" : "")} since {At(grant.UpdatedAt)}.");
        }

        if (lastEvent is not null)
        {
            // A token refused before the body was read leaves no event name.
            var which = lastEvent.Name == EventReport.UnreadName ? At(lastEvent.At) : $"{lastEvent.Name}, {At(lastEvent.At)}";
            detail.Add($"The maker's last event ({which}) was {lastEvent.Status}{(lastEvent.Error is { } e ? $": {e}" : "")}.");
        }

        if (own?.LastRefusal is { } last)
        {
            detail.Add($"The token service refused the maker's {last.GrantType} at {At(last.At)}: {last.Description}");
        }

        if (maker is not null)
        {
            detail.Add($"The maker reports its permission {maker.State}{(maker.Reason is { } why ? $" ({why})" : "")}"
                       + $"{(maker.Since is { } since ? $" since {At(since)}" : "")}, {maker.ReportsDropped.ToString(CultureInfo.InvariantCulture)} reports dropped.");
        }

        return (string.Join(" ", detail), $"{Stale} {ended}.");
    }

    /// <summary>
    /// For a link the person ended by disabling the skill: that the maker's permission to report ended with it, and
    /// whether the maker has since been refused (its tokens no longer work); null when the grant was not disabled.
    /// </summary>
    public static string? EndedWithTheSkill(ReturnPathFacts? own)
    {
        if (own?.Grant is not { State: EventGrantStates.Disabled } grant)
        {
            return null;
        }

        var refused = own.LastEvent is { Status: "refused" } last && last.At >= grant.UpdatedAt
            ? $" The maker's last report ({last.Name}, {At(last.At)}) was refused: {last.Error}."
            : "";
        return $"The maker's permission to report ended when the skill was disabled ({At(grant.UpdatedAt)}).{refused}";
    }

    private static string At(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}
