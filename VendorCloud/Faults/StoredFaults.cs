namespace SmartHome.VendorCloud.Faults;

/// <summary>The world's fault switches as stored, with the version they were at (see <see cref="IFaultSwitchStore"/>).</summary>
internal sealed record StoredFaults(bool Outage, int LatencyMilliseconds, long Version);
