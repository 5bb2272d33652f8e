namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The right to refresh one link's tokens, held by one replica until <see cref="IRefreshLeases.ReleaseAsync"/> or
/// until it lapses. <see cref="FencingToken"/> is unique to this taking: a save conditioned on it fails once the lease
/// has lapsed and another replica took it, so a late refresher cannot overwrite newer tokens.
/// </summary>
public sealed class RefreshLease(string user, string skill, string fencingToken)
{
    public string User { get; } = user;

    public string Skill { get; } = skill;

    public string FencingToken { get; } = fencingToken;

    /// <summary>
    /// Given back by the fenced save that ended the refresh, in the save's own transaction: releasing it again would be
    /// a round trip that finds nothing to do.
    /// </summary>
    public bool ReleasedBySave { get; private set; }

    internal void MarkReleasedBySave() => ReleasedBySave = true;
}
