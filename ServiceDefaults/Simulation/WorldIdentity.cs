namespace SmartHome.ServiceDefaults;

/// <summary>
/// This service's name in the world (the AppHost's resource name, from <c>OTEL_SERVICE_NAME</c>) and which of its
/// replicas this is: the replicas of a service share its name, and each must take a clock move before it is done.
/// </summary>
public sealed record WorldIdentity(string Name)
{
    private static int s_instances;

    /// <summary>Host and process, and a count for the (test-only) case of two members in one process.</summary>
    public string Replica { get; } =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Interlocked.Increment(ref s_instances)}";
}
