namespace SmartHome.AppHost;

/// <summary>The return path's fixed settings: the skill's client id at the token service and the assistant's URLs (service discovery).</summary>
internal static class EventGatewaySettings
{
    public const string SkillClientId = "smarthome-skill";
    public const string TokenUrl = "http://assistantcloud/auth/o2/token";
    public const string EventGatewayUrl = "http://assistantcloud/v3/events";

    /// <summary>
    /// Amazon's Alexa Smart Home message schema in the shared folder beside the repository
    /// (<c>../shared/alexa</c> from the repository's root, or the folder <c>SMARTHOME_SHARED_ALEXA</c> names, for a
    /// checkout elsewhere), or null when it is not there.
    /// </summary>
    public static string? SchemaPath(string appHostDirectory)
    {
        const string schemaFile = "alexa_smart_home_message_schema.json";
        if (Environment.GetEnvironmentVariable("SMARTHOME_SHARED_ALEXA") is { Length: > 0 } named && File.Exists(Path.Combine(named, schemaFile)))
        {
            return Path.GetFullPath(Path.Combine(named, schemaFile));
        }

        var path = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "..", "shared", "alexa", schemaFile));
        return File.Exists(path) ? path : null;
    }
}
