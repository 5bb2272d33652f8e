namespace SmartHome.LoadDriver;

/// <summary>
/// One replica of a cloud chosen to be stopped: its service, its replica id, its process, the homes whose uplink it holds,
/// and its name in the orchestrator (<c>service.instance.id</c>; Aspire's resource is <c>{service}-{instance}</c>) when it has one.
/// </summary>
public sealed record ReplicaTarget(string Service, string ReplicaId, int ProcessId, int Homes, string? Instance = null)
{
    public override string ToString() =>
        Homes > 0 ? $"{Service} replica {ReplicaId} (pid {ProcessId}, {Homes} homes' uplinks)" : $"{Service} replica {ReplicaId} (pid {ProcessId})";
}
