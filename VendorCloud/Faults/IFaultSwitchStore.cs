namespace SmartHome.VendorCloud.Faults;

/// <summary>Where the vendor's fault switches live for every replica (Redis: <see cref="RedisFaultSwitchStore"/>).</summary>
internal interface IFaultSwitchStore
{
    Task<FaultsView> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Sets the outage switch; returns what it was.</summary>
    Task<bool> SwapOutageAsync(bool on, CancellationToken cancellationToken);

    /// <summary>Sets the added latency; returns what it was.</summary>
    Task<int> SwapLatencyAsync(int milliseconds, CancellationToken cancellationToken);

    /// <summary>Tells every replica that a switch changed (they read the switches again).</summary>
    Task AnnounceAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onChanged"/> whenever a replica announces a change.</summary>
    Task SubscribeAsync(Action onChanged);
}
