namespace SmartHome.LoadDriver;

/// <summary>One replica of a cloud chosen to be stopped: its service, its replica id, its process and the homes whose uplink it holds.</summary>
public sealed record ReplicaTarget(string Service, string ReplicaId, int ProcessId, int Homes)
{
    public override string ToString() =>
        Homes > 0 ? $"{Service} replica {ReplicaId} (pid {ProcessId}, {Homes} homes' uplinks)" : $"{Service} replica {ReplicaId} (pid {ProcessId})";
}
