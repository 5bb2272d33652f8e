namespace SmartHome.AssistantCloud.Linking;

/// <summary>The assistant's client registration at the skill: <c>Skill:ClientId</c>, <c>Skill:ClientSecret</c>, <c>Skill:Scope</c> over <c>Linking:*</c>.</summary>
internal static class SkillClient
{
    public static void Apply(IConfiguration skill, LinkingOptions linking)
    {
        if (skill[nameof(SkillOptions.ClientId)] is { Length: > 0 } clientId)
        {
            linking.ClientId = clientId;
        }

        if (skill[nameof(SkillOptions.ClientSecret)] is { Length: > 0 } clientSecret)
        {
            linking.ClientSecret = clientSecret;
        }

        if (skill[nameof(SkillOptions.Scope)] is { Length: > 0 } scope)
        {
            linking.Scope = scope;
        }
    }
}
