using Microsoft.Extensions.Options;
using NJsonSchema;
using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>
/// Amazon's Alexa Smart Home message schema for the conformance check, from <c>EventGateway:SchemaPath</c> (the same
/// file, and the same rewrite for NJsonSchema, as the event gateway's), loaded once on first use.
/// </summary>
internal sealed class SkillMessageSchema(IOptions<EventGatewayOptions> options)
{
    private readonly Lazy<Task<JsonSchema?>> _schema = new(() => LoadAsync(options.Value.SchemaPath));

    /// <summary>Where the schema is read from (for the evidence), or null when none is configured.</summary>
    public string? Path => options.Value.SchemaPath;

    /// <summary>Null when valid; the schema's first complaints when not; throws <see cref="InvalidOperationException"/> when there is no schema.</summary>
    public async Task<string?> ProblemsAsync(string json)
    {
        var schema = await _schema.Value ?? throw new InvalidOperationException(
            $"Amazon's Alexa Smart Home message schema is not loaded (EventGateway:SchemaPath: '{Path ?? "(not configured)"}').");
        var errors = schema.Validate(json);
        return errors.Count == 0
            ? null
            : string.Join("; ", errors.Take(3).Select(e => $"{e.Path}: {e.Kind}")) + (errors.Count > 3 ? $" (+{errors.Count - 3} more)" : "");
    }

    private static async Task<JsonSchema?> LoadAsync(string? path) =>
        string.IsNullOrWhiteSpace(path) || !File.Exists(path)
            ? null
            : await JsonSchema.FromJsonAsync(AlexaSchemaText.Flatten(await File.ReadAllTextAsync(path)));
}
