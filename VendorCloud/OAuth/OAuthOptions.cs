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

    /// <summary>Who the sign-in page says is asking for access (the assistant's name, as the person knows it).</summary>
    public string ClientDisplayName { get; set; } = "Assistant";

    /// <summary>The maker's service, as the sign-in page names the person's account.</summary>
    public string ServiceDisplayName { get; set; } = "My SmartHome";

    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long after its rotation a refresh token may still be presented (a lost response retried).</summary>
    public int RefreshReuseLeewaySeconds { get; set; } = 30;

    /// <summary><c>SignInAge</c> or <c>Sliding</c>, case-insensitive; see <see cref="LinkPolicyKind"/>.</summary>
    public string LinkPolicy { get; set; } = nameof(LinkPolicyKind.SignInAge);

    public int LinkMaxAgeDays { get; set; } = 365;

    public TimeSpan AccessTokenLifetime =>
        TimeSpan.FromSeconds(Math.Max(AccessTokenLifetimeSeconds, MinimumAccessTokenLifetimeSeconds));

    public TimeSpan RefreshReuseLeeway => TimeSpan.FromSeconds(Math.Max(RefreshReuseLeewaySeconds, 0));

    /// <summary>The parsed <see cref="LinkPolicy"/>; start-up validation has rejected anything else.</summary>
    public LinkPolicyKind Policy => TryParsePolicy(LinkPolicy, out var policy)
        ? policy
        : throw new InvalidOperationException($"OAuth:LinkPolicy '{LinkPolicy}' is not SignInAge or Sliding.");

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Names only: Enum.TryParse alone would also take "1".</summary>
    public static bool TryParsePolicy(string? value, out LinkPolicyKind policy)
    {
        policy = default;
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && Enum.GetNames<LinkPolicyKind>().Any(name => string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            && Enum.TryParse(trimmed, ignoreCase: true, out policy);
    }

    /// <summary>Start-up validation: null when the options are usable, else what is wrong.</summary>
    public string? Validate()
    {
        if (!TryParsePolicy(LinkPolicy, out _))
        {
            return $"OAuth:LinkPolicy must be SignInAge or Sliding (case-insensitive), not '{LinkPolicy}'.";
        }

        if (LinkMaxAgeDays < 1)
        {
            return $"OAuth:LinkMaxAgeDays must be at least 1, not {LinkMaxAgeDays}.";
        }

        return RefreshReuseLeewaySeconds < 0
            ? $"OAuth:RefreshReuseLeewaySeconds must not be negative, not {RefreshReuseLeewaySeconds}."
            : null;
    }
}
