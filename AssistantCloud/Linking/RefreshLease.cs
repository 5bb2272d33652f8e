namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The right to refresh one link's tokens, held by one replica until <see cref="IRefreshLeases.ReleaseAsync"/> or
/// until it lapses. <see cref="FencingToken"/> is unique to this taking: a save conditioned on it fails once the lease
/// has lapsed and another replica took it, so a late refresher cannot overwrite newer tokens.
/// </summary>
public sealed record RefreshLease(string User, string Skill, string FencingToken);
