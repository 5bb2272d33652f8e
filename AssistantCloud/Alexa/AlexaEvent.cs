using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Alexa;

/// <summary>
/// What the vendor answered a directive with: Response, StateReport, ErrorResponse, Discover.Response or DeferredResponse
/// (<see cref="EstimatedDeferralSeconds"/>), or an asynchronous Response posted to the event gateway.
/// </summary>
public sealed record AlexaEvent(
    string Namespace,
    string Name,
    string? CorrelationToken,
    string? EndpointId,
    DeviceState? State,
    string? ErrorType,
    string? ErrorMessage,
    ValidRange? ValidRange,
    IReadOnlyList<DiscoveredEndpoint> Endpoints,
    int? EstimatedDeferralSeconds = null)
{
    public bool IsError => Name == "ErrorResponse";

    public bool IsDeferred => Name == "DeferredResponse";
}

/// <summary>The range a VALUE_OUT_OF_RANGE error names.</summary>
public sealed record ValidRange(double Minimum, double Maximum);
