namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// What the person is told when a link's grant is gone. The real app said "click Enable to Use", a
/// button that does not exist here; these words name the action this stack has: "Link again", which
/// is <c>POST /api/users/{user}/skills/{skill}/link</c> (the notification carries it as its action).
/// </summary>
internal static class LinkExpiredNotice
{
    public const string Kind = "LinkExpired";

    /// <summary>The name of the action that resolves the notice.</summary>
    public const string ActionName = "Link again";

    public static string Notification(AssistantOptions names) =>
        $"The link between accounts has expired. To continue using {names.SkillDisplayName} with {names.AssistantDisplayName}, choose {ActionName} in your skills and sign in to {names.SkillDisplayName}.";

    /// <summary>The same, briefly, as the answer to an utterance.</summary>
    public static string Speech(AssistantOptions names) =>
        $"The link to {names.SkillDisplayName} has expired. In the {names.AssistantDisplayName} app, choose {ActionName} in your skills.";

    /// <summary>The request behind the action: starts linking the skill again.</summary>
    public static string ActionPath(string user, string skill) =>
        $"/api/users/{Uri.EscapeDataString(user)}/skills/{Uri.EscapeDataString(skill)}/link";
}
