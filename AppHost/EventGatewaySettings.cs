namespace SmartHome.AppHost;

/// <summary>The return path's fixed settings: the skill's client id at the token service and the assistant's URLs (service discovery).</summary>
internal static class EventGatewaySettings
{
    public const string SkillClientId = "smarthome-skill";
    public const string TokenUrl = "http://assistantcloud/auth/o2/token";
    public const string EventGatewayUrl = "http://assistantcloud/v3/events";

    /// <summary>
    /// Amazon's Alexa Smart Home message schema in the shared folder beside the repository
    /// (<c>../shared/alexa</c> from the repository's root), or null when it is not there.
    /// </summary>
    public static string? SchemaPath(string appHostDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "..", "shared", "alexa", "alexa_smart_home_message_schema.json"));
        return File.Exists(path) ? path : null;
    }
}
