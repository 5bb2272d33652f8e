namespace SmartHome.AssistantCloud;

/// <summary>Names spoken and shown to the person (`Skill:DisplayName`, `Assistant:DisplayName`).</summary>
internal sealed class AssistantOptions
{
    public string SkillDisplayName { get; set; } = "My SmartHome";

    public string AssistantDisplayName { get; set; } = "Assistant";
}
