namespace SmartHome.PolicyStudy;

/// <summary>Where a household's link stands, as the household sees it.</summary>
public enum LinkStanding
{
    /// <summary>Linked, as far as the household knows.</summary>
    Linked,

    /// <summary>The household found its link dead and will link again on <see cref="HouseholdState.RelinkDay"/>.</summary>
    LockedOut,

    /// <summary>The household disabled the skill itself (no lock-out).</summary>
    Disabled,
}

/// <summary>One household during one policy's run: what it knows and what happened to it.</summary>
public sealed class HouseholdState(HouseholdPlan plan, string password)
{
    public HouseholdPlan Plan { get; } = plan;

    /// <summary>The account's password as the household knows it (it changes it itself).</summary>
    public string Password { get; set; } = password;

    public LinkStanding Standing { get; set; } = LinkStanding.Linked;

    public int? RelinkDay { get; set; }

    /// <summary>
    /// Whether anything may happen to the household before its use on <paramref name="day"/> (broadband, password, the skill
    /// disabled or enabled, a re-link after a lock-out, a sign-in): a superset of what <c>PolicyRun</c>'s start of the day
    /// acts on, so that a household left out has nothing to do before its use.
    /// </summary>
    public bool MayHaveEventsOn(int day) =>
        Standing == LinkStanding.LockedOut
        || Plan.LosesBroadbandOn(day) || Plan.RegainsBroadbandOn(day) || Plan.ChangesPasswordOn(day)
        || Plan.DisablesSkillOn(day) || Plan.EnablesSkillOn(day) || Plan.SignsInOn(day);

    /// <summary>The home's broadband is down (the study took it down and has not brought it back yet).</summary>
    public bool Offline { get; set; }

    public int LastSuccessDay { get; set; }

    public int? FirstLockoutDay { get; set; }

    public int Lockouts { get; set; }

    /// <summary>Lock-outs that hit the household while it was using the lamp (a success within the 7 days before).</summary>
    public int ActiveLockouts { get; set; }

    public int ForcedRelinks { get; set; }

    public int Commands { get; set; }

    public int FailedCommands { get; set; }

    /// <summary>Of <see cref="Commands"/>, those sent through the whole chain to the home (the rest went as far as the token).</summary>
    public int FullCommands { get; set; }

    public int SignIns { get; set; }

    /// <summary>Why the vendor ended the link, per lock-out (its grant's revokedReason).</summary>
    public List<string> LockoutReasons { get; } = [];
}
