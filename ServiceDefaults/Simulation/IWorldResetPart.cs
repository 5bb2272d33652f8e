namespace SmartHome.ServiceDefaults;

/// <summary>
/// A service's own part of "Reset the world": it puts back what it owns (its key prefix, its fault
/// switches, its in-memory state) as a freshly seeded world has it. Registered in DI; run by
/// <see cref="WorldMember"/> when a reset is announced.
/// </summary>
public interface IWorldResetPart
{
    /// <summary>The services (resource names) whose reset must be done before this one starts, e.g. the vendor before the assistant links.</summary>
    IReadOnlyList<string> After { get; }

    /// <summary>The world's part (its keys, its seeding): run by one replica of the service, whatever the number of replicas.</summary>
    Task ResetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What each process keeps for itself (copies of switches, caches of what the reset wiped): run on every replica, after
    /// the world's part is done.
    /// </summary>
    Task ResetReplicaAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
