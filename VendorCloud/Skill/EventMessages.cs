namespace SmartHome.VendorCloud.Skill;

// Outgoing Alexa Smart Home v3 events. Serialized camelCase with nulls omitted; they validate against
// alexa_smart_home_message_schema.json. The bearer token is never echoed back.

internal sealed record AlexaMessage(AlexaEvent Event, AlexaContext? Context = null);

internal sealed record AlexaEvent(EventHeader Header, EventEndpoint? Endpoint, object Payload);

internal sealed record EventHeader(string Namespace, string Name, string MessageId, string? CorrelationToken)
{
    public string PayloadVersion => "3";
}

/// <summary>The event's endpoint; <see cref="Scope"/> only on events sent to the event gateway (never in a synchronous answer).</summary>
internal sealed record EventEndpoint(string EndpointId, BearerScope? Scope = null);

/// <summary>The token the event gateway knows the sender by: the access token from AcceptGrant.</summary>
internal sealed record BearerScope(string Token)
{
    public string Type => "BearerToken";
}

internal sealed record AlexaContext(IReadOnlyList<AlexaProperty> Properties);

/// <summary>A context property; <see cref="Value"/> is a string, a number or an object, per property.</summary>
internal sealed record AlexaProperty(string Namespace, string Name, object Value, string TimeOfSample, int UncertaintyInMilliseconds);

internal sealed record ConnectivityValue(string Value);

internal sealed record EmptyPayload;

internal sealed record ErrorPayload(string Type, string Message, ValidRange? ValidRange = null);

internal sealed record ValidRange(int MinimumValue, int MaximumValue);

internal sealed record DiscoverPayload(IReadOnlyList<DiscoveredEndpoint> Endpoints);

internal sealed record DeferredPayload(int EstimatedDeferralInSeconds);

internal sealed record ChangeReportPayload(Change Change);

internal sealed record Change(ChangeCauseType Cause, IReadOnlyList<AlexaProperty> Properties);

internal sealed record ChangeCauseType(string Type);

/// <summary>AddOrUpdateReport's payload: the endpoints as Discover describes them, and the sender's scope.</summary>
internal sealed record DiscoveryReportPayload(IReadOnlyList<DiscoveredEndpoint> Endpoints, BearerScope Scope);

internal sealed record DeleteReportPayload(IReadOnlyList<EventEndpoint> Endpoints, BearerScope Scope);

internal sealed record DiscoveredEndpoint(
    string EndpointId,
    string ManufacturerName,
    string Description,
    string FriendlyName,
    IReadOnlyList<string> DisplayCategories,
    AdditionalAttributes AdditionalAttributes,
    IReadOnlyDictionary<string, string> Cookie,
    IReadOnlyList<Capability> Capabilities);

internal sealed record AdditionalAttributes(string Manufacturer, string Model, string? SerialNumber, string? FirmwareVersion, string? SoftwareVersion);

internal sealed record Capability(string Interface, CapabilityProperties? Properties)
{
    public string Type => "AlexaInterface";

    public string Version => "3";
}

internal sealed record CapabilityProperties(IReadOnlyList<SupportedProperty> Supported, bool ProactivelyReported, bool Retrievable);

internal sealed record SupportedProperty(string Name);
