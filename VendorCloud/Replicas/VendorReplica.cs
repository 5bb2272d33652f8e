namespace SmartHome.VendorCloud.Replicas;

/// <summary>
/// This process among the vendor's replicas: <see cref="Id"/> is made at start (a restarted process is a new
/// replica, its homes' claims are not its own), the machine and process id say where it runs, for logs and spans.
/// </summary>
internal sealed record VendorReplica(string Id, string Machine, int ProcessId)
{
    /// <summary>The span tag naming the replica that did the work.</summary>
    public const string SpanTag = "smarthome.vendor.replica";

    /// <summary>The response header naming the replica that answered (the skill endpoint and <c>/sim/uplinks</c>).</summary>
    public const string Header = "X-Vendor-Replica";

    public static VendorReplica ForThisProcess() =>
        new(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId);

    public override string ToString() => $"{Id} ({Machine}, pid {ProcessId})";
}
