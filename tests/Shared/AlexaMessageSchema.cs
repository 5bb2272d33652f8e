using System.Text.Json.Nodes;
using NJsonSchema;

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
        => await JsonSchema.FromJsonAsync(FlattenDefinitions(await File.ReadAllTextAsync(path)));

    /// <summary>
    /// NJsonSchema does not resolve the schema's references to keys with dots under a non-schema object
    /// ("#/definitions/common/model.Scope"): lift them to top-level definitions with plain names.
    /// </summary>
    private static string FlattenDefinitions(string schemaJson)
    {
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        var renamed = new Dictionary<string, string>();
        if (definitions["common"] is JsonObject common)
        {
            definitions.Remove("common");
            foreach (var (name, value) in common.ToList())
            {
                common.Remove(name);
                definitions[PlainName("common_" + name)] = value;
                renamed[$"#/definitions/common/{name}"] = $"#/definitions/{PlainName("common_" + name)}";
            }
        }

        foreach (var name in definitions.Select(d => d.Key).Where(n => n.Contains('.', StringComparison.Ordinal)).ToList())
        {
            var value = definitions[name];
            definitions.Remove(name);
            definitions[PlainName(name)] = value;
            renamed[$"#/definitions/{name}"] = $"#/definitions/{PlainName(name)}";
        }

        var text = root.ToJsonString();
        foreach (var (from, to) in renamed.OrderByDescending(r => r.Key.Length))
        {
            text = text.Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal);
        }

        return text;
    }

    private static string PlainName(string name) => name.Replace('.', '_');
}
