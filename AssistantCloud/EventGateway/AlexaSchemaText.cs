using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// NJsonSchema does not resolve the Alexa schema's references to keys with dots under a non-schema object
/// ("#/definitions/common/model.Scope"): they are lifted to top-level definitions with plain names. The tests' AlexaMessageSchema
/// compiles this same file in: one rewrite for the gateway and the tests.
/// </summary>
internal static class AlexaSchemaText
{
    public static string Flatten(string schemaJson)
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
                definitions[Plain("common_" + name)] = value;
                renamed[$"#/definitions/common/{name}"] = $"#/definitions/{Plain("common_" + name)}";
            }
        }

        foreach (var name in definitions.Select(d => d.Key).Where(n => n.Contains('.', StringComparison.Ordinal)).ToList())
        {
            var value = definitions[name];
            definitions.Remove(name);
            definitions[Plain(name)] = value;
            renamed[$"#/definitions/{name}"] = $"#/definitions/{Plain(name)}";
        }

        var text = root.ToJsonString();
        foreach (var (from, to) in renamed.OrderByDescending(r => r.Key.Length))
        {
            text = text.Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Plain(string name) => name.Replace('.', '_');
}
