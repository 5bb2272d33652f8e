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

    Task ResetAsync(CancellationToken cancellationToken);
}
