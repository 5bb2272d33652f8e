using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// The events the vendor sends to the assistant's event gateway on its own (docs/protocols.md, "VendorCloud to the
/// assistant's event gateway"): each carries the scope token from AcceptGrant, which is the bearer token as well.
/// </summary>
internal static class ProactiveEvents
{
    /// <summary>A ChangeReport: the changed properties under <c>payload.change</c>, the unchanged ones in the context.</summary>
    public static AlexaMessage ChangeReport(string endpointId, string token, string causeType,
        IReadOnlyList<AlexaProperty> changed, IReadOnlyList<AlexaProperty> unchanged) =>
        new(new AlexaEvent(AlexaEvents.Header("Alexa", "ChangeReport", null), new EventEndpoint(endpointId, new BearerScope(token)),
                new ChangeReportPayload(new Change(new ChangeCauseType(causeType), changed))),
            unchanged.Count == 0 ? null : new AlexaContext(unchanged));

    /// <summary>The asynchronous Response to a deferred directive: its correlation token, the endpoint's scope, all properties.</summary>
    public static AlexaMessage Response(string correlationToken, string endpointId, string token, IReadOnlyList<AlexaProperty> properties) =>
        new(new AlexaEvent(AlexaEvents.Header("Alexa", "Response", correlationToken), new EventEndpoint(endpointId, new BearerScope(token)),
                new EmptyPayload()),
            new AlexaContext(properties));

    /// <summary>The asynchronous ErrorResponse to a deferred directive that failed.</summary>
    public static AlexaMessage ErrorResponse(string correlationToken, string endpointId, string token, SkillFailure failure) =>
        new(new AlexaEvent(AlexaEvents.Header("Alexa", "ErrorResponse", correlationToken), new EventEndpoint(endpointId, new BearerScope(token)),
            new ErrorPayload(failure.Type, failure.Message, failure.ValidRange)));

    /// <summary>Devices added to (or changed in) the account, described as Discover describes them.</summary>
    public static AlexaMessage AddOrUpdateReport(IEnumerable<Device> devices, string token) =>
        new(new AlexaEvent(AlexaEvents.Header("Alexa.Discovery", "AddOrUpdateReport", null), null,
            new DiscoveryReportPayload(devices.Select(AlexaEvents.Discovered).ToList(), new BearerScope(token))));

    /// <summary>Devices gone from the account.</summary>
    public static AlexaMessage DeleteReport(IEnumerable<string> endpointIds, string token) =>
        new(new AlexaEvent(AlexaEvents.Header("Alexa.Discovery", "DeleteReport", null), null,
            new DeleteReportPayload(endpointIds.Select(id => new EventEndpoint(id)).ToList(), new BearerScope(token))));
}
