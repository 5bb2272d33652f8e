using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// Reads a world: a world file checked against its JSON Schema and the rules a schema cannot say, or the
/// generated fleet. A bad file gets a <see cref="WorldFileException"/> naming the file, and for each
/// problem its line, position and JSON path. The AppHost loads the world to validate it at start; each
/// service loads the same one, through the same code, from the configuration the AppHost hands it.
/// </summary>
public static class WorldLoader
{
    /// <summary>Configuration key: the path of the world file (absent: the default world).</summary>
    public const string FileKey = "World:File";

    /// <summary>Configuration key: N &gt; 0 makes the world the generated fleet of N homes.</summary>
    public const string FleetHomesKey = "World:FleetHomes";

    private const int MostProblemsShown = 20;

    private static readonly JsonSerializerOptions ModelJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The world the configuration names: the fleet if <c>World:FleetHomes</c> &gt; 0, else the file <c>World:File</c>, else <see cref="World.Default"/>.</summary>
    public static World FromConfiguration(IConfiguration configuration)
    {
        var fleet = configuration[FleetHomesKey];
        if (!string.IsNullOrWhiteSpace(fleet))
        {
            if (!int.TryParse(fleet, NumberStyles.None, CultureInfo.InvariantCulture, out var homes) || homes > FleetGenerator.MaximumHomes)
            {
                throw new WorldFileException($"'{FleetHomesKey}' must be a whole number from 0 to {FleetGenerator.MaximumHomes}, not '{fleet}'.");
            }

            if (homes > 0)
            {
                return FleetGenerator.Generate(homes);
            }
        }

        return configuration[FileKey] is { Length: > 0 } file ? LoadFile(file) : World.Default;
    }

    public static World LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorldFileException($"The world file '{path}' cannot be read: {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks the text of a world file; <paramref name="source"/> names it in errors.</summary>
    public static World Parse(string json, string source)
    {
        JToken document;
        try
        {
            document = JToken.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonReaderException ex)
        {
            throw new WorldFileException($"The world file '{source}' is not valid JSON: line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}");
        }

        var schemaProblems = Leaves(WorldSchema.Instance.Validate(document))
            .Select(error => (Line: error.LineNumber, Position: error.LinePosition, Path: JsonPath(error.Path, error.Property), Problem: Describe(error)))
            .ToList();
        if (schemaProblems.Count > 0)
        {
            throw Problems(source, "does not follow the world schema (AppHost/worlds/world.schema.json)", schemaProblems);
        }

        // Read into the model from the token just checked (comments and trailing commas are already gone).
        var world = System.Text.Json.JsonSerializer.Deserialize<World>(document.ToString(Formatting.None), ModelJson)
            ?? throw new WorldFileException($"The world file '{source}' is empty.");
        var ruleProblems = WorldRules.Check(world)
            .Select(problem => Locate(document, problem.Path, problem.Problem))
            .ToList();
        if (ruleProblems.Count > 0)
        {
            throw Problems(source, "breaks the world's rules", ruleProblems);
        }

        return world;
    }

    /// <summary>The world as a world file would declare it (for the AppHost's hand-over and for tests).</summary>
    public static string ToJson(World world) => System.Text.Json.JsonSerializer.Serialize(world, ModelJson);

    private static WorldFileException Problems(string source, string what, IReadOnlyList<(int Line, int Position, string Path, string Problem)> problems)
    {
        var message = new StringBuilder($"The world file '{source}' {what}:");
        foreach (var (line, position, path, problem) in problems.OrderBy(p => p.Line).ThenBy(p => p.Position).Take(MostProblemsShown))
        {
            message.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  line {line}, position {position}, at {path}: {problem}");
        }

        if (problems.Count > MostProblemsShown)
        {
            message.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  ... and {problems.Count - MostProblemsShown} more");
        }

        return new WorldFileException(message.ToString());
    }

    private static (int Line, int Position, string Path, string Problem) Locate(JToken document, string path, string problem)
    {
        var token = document.SelectToken(path);
        var info = (IJsonLineInfo?)token;
        return (info?.LineNumber ?? 0, info?.LinePosition ?? 0, path, problem);
    }

    /// <summary>NJsonSchema's path (<c>#/homes[0].devices[1]</c>) and property, as a JSON path (<c>$.homes[0].devices[1].kind</c>).</summary>
    private static string JsonPath(string? path, string? property)
    {
        var trimmed = (path ?? "#").TrimStart('#').TrimStart('/');
        var full = trimmed.Length == 0 ? "$" : $"$.{trimmed}";
        // A missing or unknown property is reported at its parent object; name the property too.
        return property is { Length: > 0 } && !full.EndsWith(property, StringComparison.Ordinal) ? $"{full}.{property}" : full;
    }

    /// <summary>An item that is not valid is reported with its own errors inside: report those, where they are.</summary>
    private static IEnumerable<NJsonSchema.Validation.ValidationError> Leaves(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(error => error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? Leaves(child.Errors.Values.SelectMany(inner => inner))
            : [error]);

    private static string Describe(NJsonSchema.Validation.ValidationError error) => error.Kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => $"the required property '{error.Property}' is missing",
        NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a property the schema knows",
        NJsonSchema.Validation.ValidationErrorKind.NotInEnumeration => $"the value is not one of the allowed ones ({string.Join(", ", EnumerationOf(error))})",
        NJsonSchema.Validation.ValidationErrorKind.PatternMismatch => $"the value does not match the pattern {error.Schema?.Pattern}",
        NJsonSchema.Validation.ValidationErrorKind.TooFewItems => "the list must have at least one item",
        _ => $"{error.Kind} (see the schema)",
    };

    private static IEnumerable<string> EnumerationOf(NJsonSchema.Validation.ValidationError error) =>
        error.Schema?.Enumeration.Select(value => value?.ToString() ?? "null") ?? [];

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path '", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
