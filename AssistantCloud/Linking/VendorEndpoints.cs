namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Where the vendor is for calls: its service-discovery name. The OAuth endpoints come from its RFC 8414
/// metadata (<see cref="VendorMetadataClient"/>), which names addresses a browser can open.
/// </summary>
internal static class VendorEndpoints
{
    /// <summary>Resolved by Aspire service discovery in every HttpClient.</summary>
    public static readonly Uri ServiceUri = new("http://vendorcloud");
}
