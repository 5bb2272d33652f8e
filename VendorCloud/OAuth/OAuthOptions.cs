namespace SmartHome.VendorCloud.OAuth;

/// <summary>Configuration section <c>OAuth</c>.</summary>
internal sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>Alexa requires access tokens to live at least 360 s.</summary>
    public const int MinimumAccessTokenLifetimeSeconds = 360;

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string RedirectUri { get; set; } = "";

    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    public TimeSpan AccessTokenLifetime =>
        TimeSpan.FromSeconds(Math.Max(AccessTokenLifetimeSeconds, MinimumAccessTokenLifetimeSeconds));

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);
}
