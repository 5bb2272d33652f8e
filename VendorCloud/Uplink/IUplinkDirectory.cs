namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// Which replica holds each home's uplink socket, shared by the replicas (Redis: <see cref="RedisUplinkDirectory"/>).
/// A claim expires unless renewed, so the homes of a replica that dies without a word are free again after a while.
/// </summary>
internal interface IUplinkDirectory
{
    /// <summary>This replica holds the home's uplink now (the newest connection wins, as in the registry).</summary>
    Task ClaimAsync(string homeId, CancellationToken cancellationToken);

    /// <summary>Renews this replica's claims on the homes it still holds; never takes a home another replica claimed since.</summary>
    Task RenewAsync(IReadOnlyCollection<string> homeIds, CancellationToken cancellationToken);

    /// <summary>This replica no longer holds the home (a clean close); a newer claim by another replica is left alone.</summary>
    Task ReleaseAsync(string homeId, CancellationToken cancellationToken);

    /// <summary>
    /// When the home's uplink last dropped, for the replicas that did not hold it: a command landing on one of them names
    /// the moment the home went away as the holder would. Kept where the directory is shared; nowhere otherwise.
    /// </summary>
    Task RecordDroppedAsync(string homeId, DateTimeOffset droppedAt, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>When the home's uplink last dropped, as <see cref="RecordDroppedAsync"/> kept it; null when not known.</summary>
    Task<DateTimeOffset?> FindDroppedAtAsync(string homeId, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    /// <summary>The replica holding the home's uplink; null when none does.</summary>
    Task<string?> FindHolderAsync(string homeId, CancellationToken cancellationToken);

    /// <summary>Every home held now, with its replica (a diagnostic: it scans).</summary>
    Task<IReadOnlyList<HomeHolder>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A home and the replica holding its uplink (<c>GET /sim/uplinks</c>).</summary>
internal sealed record HomeHolder(string HomeId, string Replica);
