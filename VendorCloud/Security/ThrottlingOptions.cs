namespace SmartHome.VendorCloud.Security;

/// <summary>
/// Limits against brute force (<c>Throttling:*</c>). Failed password checks are counted per account and client
/// address and per client address, in a short window, so an attacker throttles only his own address and the
/// owner is never locked out for longer than the window. Requests are limited per client address by the
/// rate-limiting middleware, loosely enough for the assistant's refreshes (hundreds in a simulated year).
/// </summary>
internal sealed class ThrottlingOptions
{
    public const string SectionName = "Throttling";

    /// <summary>The window in which failures count; a throttled client waits at most this long.</summary>
    public int FailureWindowSeconds { get; set; } = 60;

    /// <summary>Wrong passwords for one account from one client address in a window.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Wrong passwords from one client address in a window, whatever the account (password spraying).</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Sign-in form posts and password changes per client address: a burst, then this many per minute.</summary>
    public int SignInRequestBurst { get; set; } = 60;

    public int SignInRequestsPerMinute { get; set; } = 60;

    /// <summary>Token and revocation requests per client address: a burst, then this many per second.</summary>
    public int TokenRequestBurst { get; set; } = 600;

    public int TokenRequestsPerSecond { get; set; } = 30;

    public TimeSpan FailureWindow => TimeSpan.FromSeconds(FailureWindowSeconds);
}
