using NJsonSchema;
using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.Tests.Shared;

/// <summary>The official Alexa Smart Home message schema (draft-04), loaded once for NJsonSchema.</summary>
public static class AlexaMessageSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => LoadSchemaAsync(SharedAlexaFiles.SchemaPath));

    /// <summary>The schema, or a skip (a failure under CI=true) when ../shared/alexa is absent.</summary>
    public static Task<JsonSchema> GetAsync()
    {
        SharedAlexaFiles.Require();
        return Schema.Value;
    }

    private static async Task<JsonSchema> LoadSchemaAsync(string path)
        => await JsonSchema.FromJsonAsync(AlexaSchemaText.Flatten(await File.ReadAllTextAsync(path)));
}
