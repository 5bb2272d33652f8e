namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// Another replica holds the person's seeding lease and is linking them (cloud-replicas): not a failure, this replica
/// tries again later and finds the link.
/// </summary>
public sealed class SeedingElsewhereException(string user) : Exception($"another replica is linking {user}");
