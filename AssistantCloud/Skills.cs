namespace SmartHome.AssistantCloud;

/// <summary>The skills this assistant knows. The vendor's skill is the only one in this world.</summary>
internal static class Skills
{
    public const string VendorSkillId = "smarthome-vendor";

    public static readonly IReadOnlyList<string> All = [VendorSkillId];
}
