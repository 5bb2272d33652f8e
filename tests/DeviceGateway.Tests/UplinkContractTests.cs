using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>
/// The one uplink contract (ServiceDefaults/Uplink) against docs/protocols.md: every frame type round-trips
/// through the shared serializer both ways, and is written with exactly the type name and fields the table names.
/// </summary>
public partial class UplinkContractTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /// <summary>Each documented type: a frame with every field set, and one with only what the table requires.</summary>
    private static readonly Dictionary<string, (UplinkFrame Full, UplinkFrame Minimal)> Frames = new()
    {
        ["hello"] = (
            new HelloFrame("home-1", [new UplinkDevice("plug-1", true, new LightState("ON", 40))], "on", "up"),
            new HelloFrame("home-1", [new UplinkDevice("plug-1", false)], "off", "up")),
        ["command"] = (
            new CommandFrame("6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f", "plug-1", new LightState("ON", 40), TraceParent, "vendor=1"),
            new CommandFrame("6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f", "plug-1", new LightState(Brightness: 40))),
        ["result"] = (
            new ResultFrame("c-1", "plug-1", ResultStatus.Rejected, new LightState("OFF", 40), "brightness must be 0..100"),
            new ResultFrame("c-1", "plug-1", ResultStatus.Ok)),
        ["device"] = (
            new DeviceFrame("plug-1", true, new LightState("ON", 100), TraceParent, "vendor=1", ChangeCause.Button),
            new DeviceFrame("plug-1", false)),
    };

    public static TheoryData<string> FrameTypes => [.. Frames.Keys];

    [Theory]
    [MemberData(nameof(FrameTypes))]
    public void Every_frame_round_trips_both_ways(string type)
    {
        var (full, minimal) = Frames[type];
        foreach (var frame in new[] { full, minimal })
        {
            // Object to wire to object...
            var json = UplinkFrameSerializer.Serialize(frame);
            var read = UplinkFrameSerializer.Deserialize(UplinkFrameSerializer.SerializeToUtf8Bytes(frame), out var problem);
            Assert.True(read is not null, problem);
            Assert.Equal(Describe(frame), Describe(read));

            // ...and wire to object to wire, with "type" moved to the end as a peer may write it.
            var node = JsonNode.Parse(json)!.AsObject();
            node.Remove("type");
            node["type"] = type;
            var again = UplinkFrameSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(node), out problem);
            Assert.True(again is not null, problem);
            Assert.Equal(json, UplinkFrameSerializer.Serialize(again));
        }
    }

    [Theory]
    [MemberData(nameof(FrameTypes))]
    public void Every_frame_has_the_type_and_fields_docs_protocols_md_names(string type)
    {
        var (full, minimal) = Frames[type];
        var documented = DocumentedFrames()[type];

        var written = JsonNode.Parse(UplinkFrameSerializer.Serialize(full))!.AsObject();
        Assert.Equal("type", written.First().Key);
        Assert.Equal(type, written["type"]!.GetValue<string>());
        Assert.Equal(documented.Select(f => f.Name).Order(), written.Select(p => p.Key).Where(k => k != "type").Order());

        var required = JsonNode.Parse(UplinkFrameSerializer.Serialize(minimal))!.AsObject();
        Assert.Equal(documented.Where(f => !f.Optional).Select(f => f.Name).Order(),
            required.Select(p => p.Key).Where(k => k != "type").Order());
    }

    [Fact]
    public void Documented_frame_types_are_exactly_the_contracts()
    {
        Assert.Equal(Frames.Keys.Order(), DocumentedFrames().Keys.Order());
    }

    [Fact]
    public void A_hello_device_has_the_documented_fields()
    {
        var device = HelloDeviceFields();
        var hello = JsonNode.Parse(UplinkFrameSerializer.Serialize(
            new HelloFrame("home-1", [new UplinkDevice("plug-1", true, new LightState("ON", 40)), new UplinkDevice("plug-2", false)], "on", "up")))!;

        var devices = hello["devices"]!.AsArray();
        Assert.Equal(device.Select(f => f.Name).Order(), devices[0]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(device.Where(f => !f.Optional).Select(f => f.Name).Order(), devices[1]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void Result_statuses_are_the_documented_ones()
    {
        var row = DocumentedRow("result");
        var documented = Regex.Match(row, @"`status` \(([^)]*)\)").Groups[1].Value;
        var values = Regex.Matches(documented, "`([a-z]+)`").Select(m => m.Groups[1].Value);

        Assert.Equal(values, Enum.GetValues<ResultStatus>().Select(status =>
            JsonNode.Parse(JsonSerializer.Serialize(status, UplinkFrameSerializer.Options))!.GetValue<string>()));
    }

    [Theory]
    [InlineData("\"ok\"", ResultStatus.Ok)]
    [InlineData("\"offline\"", ResultStatus.Offline)]
    [InlineData("\"something-new\"", ResultStatus.Error)]
    [InlineData("\"1\"", ResultStatus.Error)]
    public void A_status_this_side_does_not_know_reads_as_error(string json, ResultStatus expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<ResultStatus>(json, UplinkFrameSerializer.Options));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"homeId":"home-1","devices":[]}""")]
    [InlineData("""{"type":"reboot"}""")]
    [InlineData("""{"type":"hello","homeId":"home-1","devices":[null]}""")]
    [InlineData("""{"type":"device","deviceId":"plug-1"}""")]
    [InlineData("""{"type":"result","id":"c-1","deviceId":"plug-1","status":7}""")]
    public void A_frame_outside_the_contract_is_refused_with_a_reason(string json)
    {
        Assert.Null(UplinkFrameSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    private static string Describe(UplinkFrame? frame) =>
        // Records compare lists by reference; their JSON compares them by content.
        frame is HelloFrame hello ? $"{hello with { Devices = [] }} {string.Join(", ", hello.Devices)}" : $"{frame}";

    private sealed record DocumentedField(string Name, bool Optional);

    /// <summary>The uplink table of docs/protocols.md: type to fields (a trailing <c>?</c> marks an optional field).</summary>
    private static Dictionary<string, List<DocumentedField>> DocumentedFrames() =>
        UplinkTableRows().ToDictionary(row => row.Type, row => Fields(row.Fields));

    private static List<DocumentedField> HelloDeviceFields()
    {
        var nested = Regex.Match(DocumentedRow("hello"), @"`devices: \[\{([^}]*)\}\]`").Groups[1].Value;
        return [.. nested.Split(',', StringSplitOptions.TrimEntries).Select(f => new DocumentedField(f.TrimEnd('?'), f.EndsWith('?')))];
    }

    private static string DocumentedRow(string type) => UplinkTableRows().Single(row => row.Type == type).Fields;

    private static List<DocumentedField> Fields(string column)
    {
        // Drop the explanations in parentheses (values, notes), then each backticked field: `name`, `name?`, `name: [...]`.
        var fields = ParenthesesRegex().Replace(column, "");
        return [.. FieldRegex().Matches(fields).Select(m => new DocumentedField(m.Groups[1].Value, m.Groups[2].Success))];
    }

    private static IEnumerable<(string Type, string Fields)> UplinkTableRows()
    {
        var doc = File.ReadAllText(ProtocolsPath());
        var section = doc[doc.IndexOf("## VendorCloud to DeviceGateway: the uplink", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        foreach (var line in section.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length >= 5 && TypeCellRegex().Match(cells[1]) is { Success: true } type)
            {
                yield return (type.Groups[1].Value, cells[3]);
            }
        }
    }

    private static string ProtocolsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "protocols.md");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("docs/protocols.md not found above the test's folder");
    }

    [GeneratedRegex(@"^`([a-z]+)`$")]
    private static partial Regex TypeCellRegex();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex ParenthesesRegex();

    [GeneratedRegex(@"`([A-Za-z0-9]+)(\?)?(?::[^`]*)?`")]
    private static partial Regex FieldRegex();
}
