namespace SmartHome.AssistantCloud.Seeding;

/// <summary>The default world's person (`World:*`): the assistant user and the vendor account it links.</summary>
public sealed class WorldOptions
{
    public const string SectionName = "World";

    public string User { get; set; } = "";

    public string OwnerEmail { get; set; } = "";

    /// <summary>A secret: the seeding types it into the vendor's sign-in form, nothing else sees it.</summary>
    public string OwnerPassword { get; set; } = "";
}
