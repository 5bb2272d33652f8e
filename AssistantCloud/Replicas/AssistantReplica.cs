using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Replicas;

/// <summary>
/// This process among the assistant's replicas: <see cref="Id"/> is made at start, and every response names it
/// (<see cref="Header"/>), so that with several replicas behind one proxy a test or a person can tell whose answer it was.
/// <see cref="Instance"/> is the orchestrator's name for it (OpenTelemetry's <c>service.instance.id</c>, the replica's name
/// in Aspire's dashboard), when it gives one.
/// </summary>
public sealed record AssistantReplica(string Id, int ProcessId, string? Instance = null)
{
    /// <summary>The response header naming the replica that answered.</summary>
    public const string Header = "X-Assistant-Replica";

    public static AssistantReplica ForThisProcess() =>
        new(Guid.NewGuid().ToString("N")[..12], Environment.ProcessId, ServiceInstance.OfThisProcess());
}
