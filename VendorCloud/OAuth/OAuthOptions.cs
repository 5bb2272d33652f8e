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

    /// <summary>A <see cref="LinkPolicyKind"/> name (<c>SignInAge</c>, <c>Sliding</c>, <c>AbsoluteLifetime</c>, <c>IdleTimeout</c>, <c>IdleTimeoutNoLeeway</c>), case-insensitive.</summary>
    public string LinkPolicy { get; set; } = nameof(LinkPolicyKind.SignInAge);

    /// <summary>The maximum age of <c>SignInAge</c> (since the last sign-in) and <c>Sliding</c> (since the last use).</summary>
    public int LinkMaxAgeDays { get; set; } = 365;

    /// <summary>The absolute lifetime of a link's refresh token under <c>AbsoluteLifetime</c>, from the link.</summary>
    public int RefreshTokenLifetimeDays { get; set; } = 90;

    /// <summary>The idle timeout of <c>IdleTimeout</c> and <c>IdleTimeoutNoLeeway</c>: days without a refresh.</summary>
    public int RefreshTokenIdleDays { get; set; } = 30;

    public TimeSpan AccessTokenLifetime =>
        TimeSpan.FromSeconds(Math.Max(AccessTokenLifetimeSeconds, MinimumAccessTokenLifetimeSeconds));

    /// <summary>The reuse leeway in force: none under <c>IdleTimeoutNoLeeway</c>, whatever <see cref="RefreshReuseLeewaySeconds"/> says.</summary>
    public TimeSpan RefreshReuseLeeway => Policy == LinkPolicyKind.IdleTimeoutNoLeeway
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Max(RefreshReuseLeewaySeconds, 0));

    /// <summary>The parsed <see cref="LinkPolicy"/>; start-up validation has rejected anything else.</summary>
    public LinkPolicyKind Policy => TryParsePolicy(LinkPolicy, out var policy)
        ? policy
        : throw new InvalidOperationException($"OAuth:LinkPolicy '{LinkPolicy}' is not one of {PolicyNames}.");

    /// <summary>The days the configured policy counts to.</summary>
    public int PolicyDays => Policy switch
    {
        LinkPolicyKind.AbsoluteLifetime => RefreshTokenLifetimeDays,
        LinkPolicyKind.IdleTimeout or LinkPolicyKind.IdleTimeoutNoLeeway => RefreshTokenIdleDays,
        _ => LinkMaxAgeDays,
    };

    private static string PolicyNames => string.Join(", ", Enum.GetNames<LinkPolicyKind>());

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
            return $"OAuth:LinkPolicy must be SignInAge or Sliding, or one of the study's AbsoluteLifetime, IdleTimeout, "
                   + $"IdleTimeoutNoLeeway (case-insensitive), not '{LinkPolicy}'.";
        }

        if (LinkMaxAgeDays < 1)
        {
            return $"OAuth:LinkMaxAgeDays must be at least 1, not {LinkMaxAgeDays}.";
        }

        if (RefreshTokenLifetimeDays < 1)
        {
            return $"OAuth:RefreshTokenLifetimeDays must be at least 1, not {RefreshTokenLifetimeDays}.";
        }

        if (RefreshTokenIdleDays < 1)
        {
            return $"OAuth:RefreshTokenIdleDays must be at least 1, not {RefreshTokenIdleDays}.";
        }

        return RefreshReuseLeewaySeconds < 0
            ? $"OAuth:RefreshReuseLeewaySeconds must not be negative, not {RefreshReuseLeewaySeconds}."
            : null;
    }
}
