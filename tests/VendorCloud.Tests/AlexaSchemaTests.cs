using System.Text;
using NJsonSchema;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The skill's answers validate against Amazon's alexa_smart_home_message_schema.json (draft-04), read from
/// ../shared/alexa relative to the repository root. Without the schema the tests pass with a note (no Skip in xunit v2 facts).
/// </summary>
public sealed class AlexaSchemaTests
{
    private static readonly Lazy<Task<JsonSchema?>> Schema = new(LoadAsync);

    private readonly TestWorld _world = new();

    private static async Task<JsonSchema?> LoadAsync()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartHome.sln")))
            {
                var path = Path.Combine(directory.FullName, "..", "shared", "alexa", "alexa_smart_home_message_schema.json");
                return File.Exists(path) ? await JsonSchema.FromJsonAsync(FlattenDefinitions(await File.ReadAllTextAsync(path))) : null;
            }
        }

        return null;
    }

    /// <summary>
    /// NJsonSchema does not resolve the schema's references to keys with dots under a non-schema object
    /// ("#/definitions/common/model.Scope"): lift them to top-level definitions with plain names.
    /// </summary>
    private static string FlattenDefinitions(string schemaJson)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(schemaJson)!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        var common = definitions["common"]!.AsObject();
        definitions.Remove("common");
        var renamed = new Dictionary<string, string>();
        foreach (var (name, value) in common.ToList())
        {
            common.Remove(name);
            definitions[PlainName("common_" + name)] = value;
            renamed[$"#/definitions/common/{name}"] = $"#/definitions/{PlainName("common_" + name)}";
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

    private async Task AssertValidAsync(byte[] directive)
    {
        var schema = await Schema.Value;
        if (schema is null)
        {
            Console.WriteLine("SKIPPED: ../shared/alexa/alexa_smart_home_message_schema.json is absent.");
            return;
        }

        var json = DirectiveJson.ToJson(await _world.Skill.HandleAsync(directive, CancellationToken.None)).ToJsonString();
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{json}\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e}")));
    }

    [Fact]
    public async Task Discover_Response_validates()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Discover(linked.AccessToken));
    }

    [Fact]
    public async Task Response_validates()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 40 }));
    }

    [Fact]
    public async Task StateReport_validates_reachable_and_unreachable()
    {
        var linked = await _world.LinkAsync();
        await _world.Shadows.SaveAsync(new DeviceShadow(TestWorld.DeviceId, "ON", 40, true, _world.Time.GetUtcNow()), CancellationToken.None);
        await AssertValidAsync(DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));

        _world.Uplinks.Connectivity = DeviceConnectivity.BridgeDown;
        await AssertValidAsync(DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));
    }

    [Fact]
    public async Task ErrorResponses_validate()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 140 }));
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", "bad-token"));
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken, TestWorld.OtherDeviceId));
        await AssertValidAsync(Encoding.UTF8.GetBytes("{broken"));
        _world.Uplinks.Answer = _ => new CommandOutcome(CommandStatus.BridgeUnreachable, null, null);
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));
    }

    [Fact]
    public async Task The_schema_check_is_not_vacuous()
    {
        var schema = await Schema.Value;
        if (schema is null)
        {
            Console.WriteLine("SKIPPED: ../shared/alexa/alexa_smart_home_message_schema.json is absent.");
            return;
        }

        var wrongType = DirectiveJson.ToJson(AlexaEvents.Error(null, new SkillFailure("NOT_A_TYPE", "x"))).ToJsonString();
        Assert.NotEmpty(schema.Validate(wrongType));

        var tooPrecise = DirectiveJson.ToJson(AlexaEvents.StateReport(DirectiveParser.Parse(DirectiveJson.Control("Alexa", "ReportState", "t")),
            TestWorld.DeviceId, AlexaEvents.Properties("ON", 40, true, _world.Time.GetUtcNow(), 0, _world.Time.GetUtcNow()))).ToJsonString()
            .Replace(".000Z", ".0000000Z", StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(tooPrecise));
    }
}
