using System.Globalization;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Alexa;

namespace SmartHome.VendorCloud.Skill;

/// <summary>Builds the events the skill answers with.</summary>
internal static class AlexaEvents
{
    public const string Manufacturer = "SmartHome Devices";

    public static AlexaMessage Response(ParsedDirective directive, string endpointId, IReadOnlyList<AlexaProperty> properties) =>
        new(new AlexaEvent(Header("Alexa", "Response", directive.CorrelationToken), new EventEndpoint(endpointId), new EmptyPayload()),
            new AlexaContext(properties));

    public static AlexaMessage StateReport(ParsedDirective directive, string endpointId, IReadOnlyList<AlexaProperty> properties) =>
        new(new AlexaEvent(Header("Alexa", "StateReport", directive.CorrelationToken), new EventEndpoint(endpointId), new EmptyPayload()),
            new AlexaContext(properties));

    public static AlexaMessage Error(ParsedDirective? directive, SkillFailure failure)
    {
        var endpointId = directive?.EndpointId;
        var endpoint = endpointId is not null && IsSchemaValidEndpointId(endpointId) ? new EventEndpoint(endpointId) : null;
        // AcceptGrant's errors are Alexa.Authorization's own ErrorResponse (ACCEPT_GRANT_FAILED), with no endpoint.
        if (directive?.Kind == DirectiveKind.AcceptGrant && failure.Type == AlexaErrorTypes.AcceptGrantFailed)
        {
            return new AlexaMessage(new AlexaEvent(Header(AuthorizationNamespace, "ErrorResponse", null), null,
                new ErrorPayload(failure.Type, failure.Message)));
        }

        return new AlexaMessage(new AlexaEvent(
            Header("Alexa", "ErrorResponse", directive?.CorrelationToken),
            endpoint,
            new ErrorPayload(failure.Type, failure.Message, failure.ValidRange)));
    }

    public const string AuthorizationNamespace = "Alexa.Authorization";

    /// <summary>The grant was exchanged and the tokens stored.</summary>
    public static AlexaMessage AcceptGrantResponse() =>
        new(new AlexaEvent(Header(AuthorizationNamespace, "AcceptGrant.Response", null), null, new EmptyPayload()));

    /// <summary>The command takes longer than Alexa waits: its outcome follows through the event gateway.</summary>
    public static AlexaMessage DeferredResponse(ParsedDirective directive, int estimatedDeferralInSeconds) =>
        new(new AlexaEvent(Header("Alexa", "DeferredResponse", directive.CorrelationToken), null,
            new DeferredPayload(estimatedDeferralInSeconds)));

    public static AlexaMessage DiscoverResponse(IEnumerable<Device> devices) =>
        new(new AlexaEvent(Header("Alexa.Discovery", "Discover.Response", null), null,
            new DiscoverPayload(devices.Select(Discovered).ToList())));

    /// <summary>
    /// The endpoint as its kind makes it: a lamp on a dimmable plug, or a dimmable lamp, is a LIGHT with
    /// power and brightness (the assistant then offers a brightness control); a plain plug is a SMARTPLUG
    /// with power only. The cookie carries the home, which the support API takes back.
    /// </summary>
    public static DiscoveredEndpoint Discovered(Device device) => new(
        device.DeviceId,
        device.Manufacturer,
        $"{device.Model} {Describe(device.Kind)} by {device.Manufacturer}",
        device.Name,
        [device.Kind.IsLight() ? "LIGHT" : "SMARTPLUG"],
        new AdditionalAttributes(device.Manufacturer, device.Model, device.SerialNumber, device.FirmwareVersion, null),
        new Dictionary<string, string> { ["homeId"] = device.HomeId },
        [
            new Capability("Alexa", null),
            new Capability("Alexa.PowerController", Reported("powerState")),
            .. device.Kind.IsDimmable() ? [new Capability("Alexa.BrightnessController", Reported("brightness"))] : Array.Empty<Capability>(),
            new Capability("Alexa.EndpointHealth", Reported("connectivity")),
        ]);

    private static string Describe(DeviceKind kind) => kind switch
    {
        DeviceKind.DimmablePlug => "dimmable plug",
        DeviceKind.OnOffPlug => "on/off plug",
        _ => "dimmable lamp",
    };

    /// <summary>
    /// All the endpoint's properties: powerState and brightness when known, and connectivity always.
    /// </summary>
    public static IReadOnlyList<AlexaProperty> Properties(string? powerState, int? brightness, bool reachable,
        DateTimeOffset stateSampledAt, int stateUncertaintyMilliseconds, DateTimeOffset now)
    {
        var properties = new List<AlexaProperty>(3);
        if (powerState is "ON" or "OFF")
        {
            properties.Add(new AlexaProperty("Alexa.PowerController", "powerState", powerState,
                Timestamp(stateSampledAt), stateUncertaintyMilliseconds));
        }

        if (brightness is >= LightCommands.MinimumBrightness and <= LightCommands.MaximumBrightness)
        {
            properties.Add(new AlexaProperty("Alexa.BrightnessController", "brightness", brightness.Value,
                Timestamp(stateSampledAt), stateUncertaintyMilliseconds));
        }

        properties.Add(new AlexaProperty("Alexa.EndpointHealth", "connectivity",
            new ConnectivityValue(reachable ? "OK" : "UNREACHABLE"), Timestamp(now), 0));
        return properties;
    }

    /// <summary>ISO 8601 UTC with at most three fractional digits, as the schema's pattern requires.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static EventHeader Header(string @namespace, string name, string? correlationToken) =>
        new(@namespace, name, Guid.NewGuid().ToString(), string.IsNullOrEmpty(correlationToken) ? null : correlationToken);

    private static CapabilityProperties Reported(string property) => new([new SupportedProperty(property)], true, true);

    private static bool IsSchemaValidEndpointId(string endpointId) =>
        endpointId.Length is > 0 and <= 256
        && endpointId.All(c => char.IsAsciiLetterOrDigit(c) || "_-=#;:?@&".Contains(c, StringComparison.Ordinal));
}
