namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// Configuration section <c>World</c>: the secret the seeding signs the world's people in with (the
/// AppHost parameter <c>owner-password</c>; the people themselves come from <c>World:File</c> /
/// <c>World:FleetHomes</c>, see docs/worlds.md). The story's account takes it as it is; every other
/// account a password derived from it (<c>WorldSecrets.AccountPassword</c>).
/// </summary>
public sealed class WorldOptions
{
    public const string SectionName = "World";

    /// <summary>A secret: the seeding types it (or what derives from it) into the vendor's sign-in form, nothing else sees it.</summary>
    public string OwnerPassword { get; set; } = "";
}
