namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The world's side of the single-flight refresh: a lease per link that one replica takes before it refreshes, and
/// the back-off after a failed refresh. Asked only when a refresh is due, never for a token that is still good.
/// </summary>
internal interface IRefreshLeases
{
    /// <summary>The lease, or null while another replica holds it.</summary>
    Task<RefreshLease?> TryTakeAsync(string user, string skill, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the lease back (only if it is still this one: a lapsed lease another replica took stays theirs); false when
    /// it is still this one and could not be given back (it lapses by itself).
    /// </summary>
    Task<bool> ReleaseAsync(RefreshLease lease);

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, until no replica holds the link's lease (the holder has saved its
    /// tokens or given up); false when it is still held.
    /// </summary>
    Task<bool> WaitUntilFreeAsync(string user, string skill, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>No refresh of the link before this time (a refresh just failed), or null.</summary>
    Task<DateTimeOffset?> GetBlockedUntilAsync(string user, string skill, CancellationToken cancellationToken);

    /// <summary>Blocks refreshes of the link until <paramref name="until"/> (for at most <paramref name="span"/> of real time).</summary>
    Task BlockAsync(string user, string skill, DateTimeOffset until, TimeSpan span, CancellationToken cancellationToken);

    Task UnblockAsync(string user, string skill, CancellationToken cancellationToken);

    /// <summary>A reset of the world: the back-offs were about links that are gone.</summary>
    Task ForgetBackoffsAsync(CancellationToken cancellationToken);
}
