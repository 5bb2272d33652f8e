namespace SmartHome.AssistantCloud.Linking;

/// <summary>What the person is told when a link's grant is gone, in the words the real app used.</summary>
internal static class LinkExpiredNotice
{
    public const string Kind = "LinkExpired";

    public static string Notification(AssistantOptions names) =>
        $"The link between accounts has expired. To continue using {names.SkillDisplayName} with {names.AssistantDisplayName}, click Enable to Use and link your accounts again.";

    /// <summary>The same, briefly, as the answer to an utterance.</summary>
    public static string Speech(AssistantOptions names) =>
        $"The link to {names.SkillDisplayName} has expired. Open the {names.AssistantDisplayName} app and link your accounts again.";
}
