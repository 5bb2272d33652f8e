namespace SmartHome.AssistantCloud.Linking;

/// <summary>Where the vendor is: service discovery for calls, the real address for a browser.</summary>
internal static class VendorEndpoints
{
    /// <summary>Resolved by Aspire service discovery in every HttpClient.</summary>
    public static readonly Uri ServiceUri = new("http://vendorcloud");

    public const string AuthorizePath = "/oauth/authorize";
    public const string TokenPath = "/oauth/token";
    public const string RevokePath = "/oauth/revoke";

    /// <summary>
    /// The address a person's browser can open: `services:vendorcloud:http:0` as the AppHost
    /// injects it, else the service-discovery name.
    /// </summary>
    public static Uri PublicUri(IConfiguration configuration) =>
        Uri.TryCreate(configuration["services:vendorcloud:http:0"], UriKind.Absolute, out var uri) ? uri : ServiceUri;
}
