namespace SmartHome.VendorCloud.Seeding;

/// <summary>
/// Configuration section <c>World</c>: the secrets the vendor seeds the world's accounts and homes with
/// (the world itself comes from <c>World:File</c> / <c>World:FleetHomes</c>, see docs/worlds.md). The
/// story's account and home take these as they are; every other one a secret derived from them.
/// </summary>
internal sealed class WorldOptions
{
    public const string SectionName = "World";

    /// <summary>The AppHost parameter <c>owner-password</c>.</summary>
    public string OwnerPassword { get; set; } = "";

    /// <summary>The AppHost parameter <c>gateway-secret</c>.</summary>
    public string GatewaySecret { get; set; } = "";
}
