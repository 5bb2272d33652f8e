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

    public static AssistantReplica ForThisProcess() => new(Guid.NewGuid().ToString("N")[..12], Environment.ProcessId,
        InstanceFrom(Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES")));

    /// <summary>The <c>service.instance.id</c> in OpenTelemetry's resource attributes (<c>k1=v1,k2=v2</c>); null without one.</summary>
    public static string? InstanceFrom(string? resourceAttributes) =>
        resourceAttributes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id" && pair[1].Length > 0)
            .Select(pair => pair[1])
            .FirstOrDefault();
}
