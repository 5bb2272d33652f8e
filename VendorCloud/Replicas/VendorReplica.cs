using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.Replicas;

/// <summary>
/// This process among the vendor's replicas: <see cref="Id"/> is made at start (a restarted process is a new
/// replica, its homes' claims are not its own), the machine and process id say where it runs, for logs and spans, and
/// <see cref="Instance"/> is the orchestrator's name for it (OpenTelemetry's <c>service.instance.id</c>, the replica's
/// name in Aspire's dashboard), when it gives one.
/// </summary>
internal sealed record VendorReplica(string Id, string Machine, int ProcessId, string? Instance = null)
{
    /// <summary>The span tag naming the replica that did the work.</summary>
    public const string SpanTag = "smarthome.vendor.replica";

    /// <summary>The response header naming the replica that answered (every response: <see cref="ReplicaHeaderMiddleware"/>).</summary>
    public const string Header = "X-Vendor-Replica";

    public static VendorReplica ForThisProcess() =>
        new(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId, ServiceInstance.OfThisProcess());

    public override string ToString() => Instance is null ? $"{Id} ({Machine}, pid {ProcessId})" : $"{Id} ({Instance}, {Machine}, pid {ProcessId})";
}
