namespace SmartHome.LoadDriver;

/// <summary>Stops one replica, gracefully (its in-flight requests may finish); answers how it was stopped, for the report.</summary>
public interface IReplicaStopper
{
    Task<string> StopAsync(ReplicaTarget target, CancellationToken cancellationToken);
}
