namespace SmartHome.VendorCloud.Alexa;

/// <summary>The ErrorResponse types the vendor answers with (see protocol-facts.md).</summary>
internal static class AlexaErrorTypes
{
    public const string EndpointUnreachable = "ENDPOINT_UNREACHABLE";
    public const string BridgeUnreachable = "BRIDGE_UNREACHABLE";
    public const string NoSuchEndpoint = "NO_SUCH_ENDPOINT";
    public const string ValueOutOfRange = "VALUE_OUT_OF_RANGE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string InvalidDirective = "INVALID_DIRECTIVE";
    public const string ExpiredAuthorizationCredential = "EXPIRED_AUTHORIZATION_CREDENTIAL";
    public const string InvalidAuthorizationCredential = "INVALID_AUTHORIZATION_CREDENTIAL";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>Alexa.Authorization's only error: AcceptGrant could not be completed (the person is told linking failed).</summary>
    public const string AcceptGrantFailed = "ACCEPT_GRANT_FAILED";
}
