namespace SmartHome.VendorCloud.Faults;

/// <summary>Where the vendor's fault switches live for every replica (Redis: <see cref="RedisFaultSwitchStore"/>).</summary>
internal interface IFaultSwitchStore
{
    /// <summary>The switches and their version, read together.</summary>
    Task<StoredFaults> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Sets the outage switch; returns what it was.</summary>
    Task<bool> SwapOutageAsync(bool on, CancellationToken cancellationToken);

    /// <summary>Sets the added latency; returns what it was.</summary>
    Task<int> SwapLatencyAsync(int milliseconds, CancellationToken cancellationToken);

    /// <summary>After a swap: gives the switches a new version and tells every replica (they read the switches again).</summary>
    Task<long> AnnounceAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onChanged"/> whenever a replica announces a change.</summary>
    Task SubscribeAsync(Action onChanged);

    /// <summary>This replica has applied the switches of <paramref name="version"/>.</summary>
    Task AcknowledgeAsync(long version, CancellationToken cancellationToken);

    /// <summary>Waits, bounded, until every other live replica has applied <paramref name="version"/>; those that had not.</summary>
    Task<IReadOnlyList<string>> WaitForReplicasAsync(long version, CancellationToken cancellationToken);
}
