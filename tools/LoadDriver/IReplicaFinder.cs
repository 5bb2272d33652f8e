namespace SmartHome.LoadDriver;

/// <summary>Chooses the replica of a cloud to stop.</summary>
public interface IReplicaFinder
{
    Task<ReplicaTarget> FindAsync(string service, CancellationToken cancellationToken);
}
