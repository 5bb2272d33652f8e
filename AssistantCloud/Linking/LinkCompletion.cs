namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// How finishing a link went. On failure <see cref="Error"/> is an OAuth error code
/// (invalid_request for an unknown or expired state, or what the vendor answered).
/// </summary>
public sealed record LinkCompletion(string? User, string? Skill, string? Error, string? ErrorDescription, DiscoveryResult? Discovery)
{
    public bool Succeeded => Error is null;

    public static LinkCompletion Failed(string error, string description, string? user = null, string? skill = null) =>
        new(user, skill, error, description, null);
}
