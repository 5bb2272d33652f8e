namespace SmartHome.VendorCloud.Seeding;

/// <summary>Configuration section <c>World</c>: the default world the vendor seeds at start-up.</summary>
internal sealed class WorldOptions
{
    public const string SectionName = "World";

    public string HomeId { get; set; } = "";

    public string DeviceId { get; set; } = "";

    public string DeviceName { get; set; } = "";

    public string OwnerEmail { get; set; } = "";

    public string OwnerPassword { get; set; } = "";

    public string GatewaySecret { get; set; } = "";
}
