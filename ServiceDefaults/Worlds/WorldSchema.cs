using NJsonSchema;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>The world file's JSON Schema (<c>AppHost/worlds/world.schema.json</c>, embedded in this assembly).</summary>
public static class WorldSchema
{
    private const string ResourceName = "SmartHome.Worlds.world.schema.json";

    /// <summary>The schema's text, as shipped.</summary>
    public static string Text { get; } = ReadText();

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(Text).GetAwaiter().GetResult());

    public static JsonSchema Instance => Schema.Value;

    private static string ReadText()
    {
        using var stream = typeof(WorldSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
