using System.Text.Json.Nodes;
using NJsonSchema;

namespace SmartHome.Tests.Shared;

/// <summary>
/// The official Alexa schema and samples live beside the repository in ../shared/alexa and are
/// never copied into it. Absent: the tests that need them skip with the reason, except under
/// CI=true where they fail. Linked into each test project that validates Alexa messages.
/// </summary>
public static class SharedAlexaFiles
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => LoadSchemaAsync(SchemaPath));

    public static string? Directory { get; } = Find();

    public static string SchemaPath => Path.Combine(Require(), "alexa_smart_home_message_schema.json");

    /// <summary>The folder, or a skip (a failure under CI=true) when it is absent.</summary>
    public static string Require()
    {
        if (Directory is not null)
        {
            return Directory;
        }

        const string reason = "../shared/alexa (the Alexa Smart Home message schema) is not beside the repository";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + ", and CI=true requires it.");
        }

        Skip.If(true, reason + ".");
        return null!;
    }

    /// <summary>The message schema, loaded once, ready for NJsonSchema.</summary>
    public static Task<JsonSchema> GetSchemaAsync()
    {
        Require();
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

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartHome.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "alexa"));
                return File.Exists(Path.Combine(shared, "alexa_smart_home_message_schema.json")) ? shared : null;
            }
        }

        return null;
    }
}
