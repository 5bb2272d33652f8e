using Microsoft.Extensions.Options;
using NJsonSchema;
using NJsonSchema.Validation;
using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>
/// Amazon's Alexa Smart Home message schema for the conformance check, from <c>EventGateway:SchemaPath</c>: the event
/// gateway's own copy (the schema is large: loaded and compiled once per process, not once per user of it).
/// </summary>
internal sealed class SkillMessageSchema(IOptions<EventGatewayOptions> options, AlexaEventValidator events)
{
    /// <summary>Where the schema is read from (for the evidence), or null when none is configured.</summary>
    public string? Path => options.Value.SchemaPath;

    /// <summary>Null when valid; the schema's first complaints when not; throws <see cref="InvalidOperationException"/> when there is no schema.</summary>
    public async Task<string?> ProblemsAsync(string json)
    {
        var schema = await events.GetSchemaAsync() ?? throw new InvalidOperationException(
            $"Amazon's Alexa Smart Home message schema is not loaded (EventGateway:SchemaPath: '{Path ?? "(not configured)"}').");
        var errors = Leaves(schema.Validate(json));
        return errors.Count == 0
            ? null
            : string.Join("; ", errors.Take(3).Select(e => $"{e.Path}: {e.Kind}")) + (errors.Count > 3 ? $" (+{errors.Count - 3} more)" : "");
    }

    /// <summary>
    /// The errors that say what is wrong: the schema is one oneOf over every message kind, so a bad message is
    /// "NotOneOf" at the root; the branch whose header fits (else the one with the fewest complaints) is the
    /// message kind it meant to be.
    /// </summary>
    private static List<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        var leaves = new List<ValidationError>();
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Errors.Count: > 0 } child)
            {
                leaves.AddRange(child.Errors.Values
                    .Select(Leaves)
                    .OrderBy(branch => branch.Any(e => e.Path?.Contains("header.n", StringComparison.Ordinal) == true))
                    .ThenBy(branch => branch.Count)
                    .First());
            }
            else
            {
                leaves.Add(error);
            }
        }

        return leaves;
    }
}
