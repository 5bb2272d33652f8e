using System.ComponentModel.DataAnnotations;

namespace SmartHome.AssistantCloud;

/// <summary>Names spoken and shown to the person (`Assistant:DisplayName`, `Assistant:SkillDisplayName`).</summary>
internal sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    [Required]
    public string SkillDisplayName { get; set; } = "My SmartHome";

    [Required]
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("DisplayName")]
    public string AssistantDisplayName { get; set; } = "Assistant";
}
