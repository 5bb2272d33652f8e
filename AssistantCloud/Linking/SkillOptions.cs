namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The skill the assistant talks to (configuration section <c>Skill</c>, AppHost parameters <c>skill-*</c>): its
/// Smart Home API v3 endpoint, its OAuth 2.0 authorization server (the linking endpoints are read from the issuer's
/// RFC 8414 metadata), the assistant's client registration there, and a test account for the conformance check.
/// The defaults are this project's vendor cloud through service discovery; any HTTP service speaking Smart Home
/// API v3 with OAuth 2.0 account linking can be named instead (README, "Point the assistant at your own skill").
/// </summary>
public sealed class SkillOptions
{
    public const string SectionName = "Skill";

    /// <summary>Our vendor cloud, as service discovery names it.</summary>
    public static readonly Uri VendorCloud = new("http://vendorcloud");

    /// <summary>Where directives are posted (Alexa's "skill endpoint").</summary>
    public Uri Endpoint { get; set; } = new(VendorCloud, "/alexa/v3/directives");

    /// <summary>The authorization server's issuer; its metadata is at the RFC 8414 well-known address unless <see cref="MetadataUri"/> says otherwise.</summary>
    public Uri Issuer { get; set; } = VendorCloud;

    /// <summary>Optional: the metadata document's address, for a server that publishes it elsewhere.</summary>
    public Uri? MetadataUri { get; set; }

    /// <summary>The assistant's client id at the skill's authorization server (empty: <c>Linking:ClientId</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The assistant's client secret there (empty: <c>Linking:ClientSecret</c>). Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The scopes asked for at the authorization endpoint, space-separated (empty: <c>Linking:Scope</c>).</summary>
    public string Scope { get; set; } = "";

    /// <summary>
    /// The vendor's support API (our vendor cloud's own, not part of Smart Home API v3): the diagnosis asks it
    /// about a device. A third-party skill has none; the diagnosis then names the vendor hop as not answering.
    /// </summary>
    public Uri SupportApi { get; set; } = VendorCloud;

    /// <summary>The conformance check's test account at the skill: e-mail (or user name) for its sign-in form.</summary>
    public string TestAccountEmail { get; set; } = "";

    /// <summary>The test account's password. Never logged.</summary>
    public string TestAccountPassword { get; set; } = "";

    /// <summary>Whether the skill's authorization server is this project's vendor cloud, whose accounts the world seeds.</summary>
    public bool IsVendorCloud => string.Equals(Issuer.Host, VendorCloud.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// RFC 8414 section 3: <c>/.well-known/oauth-authorization-server</c> inserted between the issuer's host and its
    /// path (<c>https://as.example/tenant</c> has its document at <c>https://as.example/.well-known/oauth-authorization-server/tenant</c>).
    /// </summary>
    public Uri MetadataAddress => MetadataUri ?? WellKnownOf(Issuer);

    public static Uri WellKnownOf(Uri issuer)
    {
        var path = issuer.AbsolutePath.TrimEnd('/');
        return new UriBuilder(issuer) { Path = "/.well-known/oauth-authorization-server" + path, Query = "", Fragment = "" }.Uri;
    }
}
