using System.Globalization;

namespace SmartHome.VendorCloud.Security;

/// <summary>
/// The rate-limiting policies of the endpoints that check secrets (registered by <c>AddVendorThrottling</c>)
/// and the Retry-After every refusal carries.
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Token = "token";

    /// <summary>Sets <c>Retry-After</c> (whole seconds, at least 1) and <c>no-store</c>; returns the sentence that tells the wait.</summary>
    public static string SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        return $"Too many attempts. Try again in {seconds} seconds.";
    }
}
