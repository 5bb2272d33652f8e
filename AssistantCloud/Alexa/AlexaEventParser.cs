using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Alexa;

/// <summary>Reads the vendor's Alexa events; anything that is not one is a <see cref="FormatException"/>.</summary>
public static class AlexaEventParser
{
    public static AlexaEvent Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The vendor's answer is not JSON.", ex);
        }

        var message = root as JsonObject ?? throw new FormatException("The vendor's answer is not a JSON object.");
        var @event = message["event"] as JsonObject ?? throw new FormatException("The vendor's answer has no event.");
        var header = @event["header"] as JsonObject ?? throw new FormatException("The vendor's event has no header.");
        var @namespace = String(header["namespace"]) ?? throw new FormatException("The event header has no namespace.");
        var name = String(header["name"]) ?? throw new FormatException("The event header has no name.");
        var payload = @event["payload"] as JsonObject;

        return new AlexaEvent(
            @namespace,
            name,
            String(header["correlationToken"]),
            String((@event["endpoint"] as JsonObject)?["endpointId"]),
            ReadState((message["context"] as JsonObject)?["properties"] as JsonArray),
            name == "ErrorResponse" ? String(payload?["type"]) ?? "INTERNAL_ERROR" : null,
            name == "ErrorResponse" ? String(payload?["message"]) : null,
            ReadValidRange(payload?["validRange"] as JsonObject),
            name == "Discover.Response" ? ReadEndpoints(payload?["endpoints"] as JsonArray) : [],
            name == "DeferredResponse" ? Integer(payload?["estimatedDeferralInSeconds"]) : null);
    }

    /// <summary>The power, brightness and connectivity among <paramref name="properties"/>, or null when none is there.</summary>
    internal static DeviceState? ReadState(JsonArray? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        string? power = null, connectivity = null;
        int? brightness = null;
        foreach (var property in properties.OfType<JsonObject>())
        {
            switch (String(property["namespace"]), String(property["name"]))
            {
                case ("Alexa.PowerController", "powerState"):
                    power = String(property["value"]);
                    break;
                case ("Alexa.BrightnessController", "brightness"):
                    brightness = Integer(property["value"]);
                    break;
                case ("Alexa.EndpointHealth", "connectivity"):
                    connectivity = String((property["value"] as JsonObject)?["value"]) ?? String(property["value"]);
                    break;
            }
        }

        return power is null && brightness is null && connectivity is null ? null : new DeviceState(power, brightness, connectivity);
    }

    private static ValidRange? ReadValidRange(JsonObject? range) =>
        range is not null && Number(range["minimumValue"]) is { } min && Number(range["maximumValue"]) is { } max
            ? new ValidRange(min, max)
            : null;

    /// <summary>The endpoints of a Discover.Response or an AddOrUpdateReport.</summary>
    internal static List<DiscoveredEndpoint> ReadEndpoints(JsonArray? endpoints)
    {
        var result = new List<DiscoveredEndpoint>();
        foreach (var endpoint in endpoints?.OfType<JsonObject>() ?? [])
        {
            if (String(endpoint["endpointId"]) is not { Length: > 0 } id || String(endpoint["friendlyName"]) is not { Length: > 0 } friendlyName)
            {
                continue; // an endpoint without id or name cannot be spoken to
            }

            var categories = (endpoint["displayCategories"] as JsonArray)?.Select(String).OfType<string>().ToList() ?? [];
            var capabilities = (endpoint["capabilities"] as JsonArray)?
                .OfType<JsonObject>()
                .Select(c => String(c["interface"]))
                .OfType<string>()
                .Distinct()
                .ToList() ?? [];
            var cookie = new Dictionary<string, string>();
            foreach (var (key, value) in endpoint["cookie"] as JsonObject ?? [])
            {
                // Cookie values are strings in v3; anything else is kept as its JSON text.
                cookie[key] = String(value) ?? value?.ToJsonString() ?? "";
            }

            result.Add(new DiscoveredEndpoint(id, friendlyName, categories, capabilities, cookie, ProactivelyReported(endpoint)));
        }

        return result;
    }

    /// <summary>"Alexa.PowerController.powerState" for each supported property of a capability with proactivelyReported true.</summary>
    private static List<string> ProactivelyReported(JsonObject endpoint) =>
    [
        .. (endpoint["capabilities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => c["properties"] is JsonObject { } p && p["proactivelyReported"] is JsonValue v && v.GetValueKind() == JsonValueKind.True)
            .SelectMany(c => ((c["properties"] as JsonObject)?["supported"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(s => String(s["name"]))
                .OfType<string>()
                .Select(name => $"{String(c["interface"])}.{name}")),
    ];

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private static int? Integer(JsonNode? node) => Number(node) is { } number
        ? (int)Math.Round(number, MidpointRounding.AwayFromZero)
        : String(node) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
