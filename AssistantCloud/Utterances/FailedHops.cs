using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>Maps an utterance's outcome and Alexa error type to the hop that failed.</summary>
public static class FailedHops
{
    /// <summary>Null for outcomes that are no failure of the chain (Success, NotUnderstood, UnknownDevice, AmbiguousDevice).</summary>
    public static FailedHop? For(UtteranceOutcome outcome, string? errorType, bool storeFailed) => outcome switch
    {
        UtteranceOutcome.ServiceUnavailable when storeFailed => new(ChainHops.Assistant, "The assistant's own store did not answer."),
        UtteranceOutcome.ServiceUnavailable => new(ChainHops.Vendor, "The maker's cloud did not answer in time, or answered with an error."),
        UtteranceOutcome.LinkExpired => new(ChainHops.Link, "The link between the accounts has expired."),
        UtteranceOutcome.NotLinked => new(ChainHops.Link, "The accounts are not linked."),
        UtteranceOutcome.DeviceError => ForErrorType(errorType),
        _ => null,
    };

    private static FailedHop ForErrorType(string? errorType) => errorType switch
    {
        "ENDPOINT_UNREACHABLE" => new(ChainHops.Plug, "The plug is offline."),
        "BRIDGE_UNREACHABLE" => new(ChainHops.Uplink, "The home's gateway is not connected to the maker's cloud."),
        "NO_SUCH_ENDPOINT" => new(ChainHops.Link, "The maker does not know this device for the linked account."),
        "INVALID_AUTHORIZATION_CREDENTIAL" or "EXPIRED_AUTHORIZATION_CREDENTIAL" => new(ChainHops.Link, "The maker refused the link's credentials."),
        Speech.DeferredTimeout => new(ChainHops.Plug, "The plug did not confirm the deferred command in time."),
        "VALUE_OUT_OF_RANGE" or "INVALID_VALUE" => new(ChainHops.Plug, "The plug refused the value."),
        _ => new(ChainHops.Vendor, $"The maker's cloud answered {errorType ?? "an error"}."),
    };
}
