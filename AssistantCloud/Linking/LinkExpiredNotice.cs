namespace SmartHome.AssistantCloud.Linking;

/// <summary>What the person is told when a link's grant is gone, in the words the real app used.</summary>
internal static class LinkExpiredNotice
{
    public const string Kind = "LinkExpired";

    public static string Notification(AssistantOptions names) =>
        $"The link between accounts has expired. To continue using {names.SkillDisplayName} with {names.AssistantDisplayName}, click Enable to Use and link your accounts again.";

    public static string Speech(AssistantOptions names) =>
        $"The link between your {names.SkillDisplayName} and {names.AssistantDisplayName} accounts has expired. Link them again in the {names.AssistantDisplayName} app.";
}
