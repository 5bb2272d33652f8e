using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud;

/// <summary>
/// Throttling of the endpoints that check secrets: ASP.NET Core's rate-limiting middleware, partitioned per
/// client address (policies <see cref="RateLimits.SignIn"/> and <see cref="RateLimits.Token"/>), and the
/// <see cref="SignInThrottle"/> that counts wrong passwords per account. A refusal is 429 with Retry-After, in
/// the endpoint's own terms. Here, not in Security, because the refusal speaks OAuth's and the accounts' terms.
/// </summary>
internal static class VendorThrottling
{
    public static IServiceCollection AddVendorThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ThrottlingOptions>(configuration, ThrottlingOptions.SectionName);
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimits.SignIn, context => PerAddressBucket(context,
                limits => (limits.SignInRequestBurst, limits.SignInRequestsPerMinute), TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(RateLimits.Token, context => PerAddressBucket(context,
                limits => (limits.TokenRequestBurst, limits.TokenRequestsPerSecond), TimeSpan.FromSeconds(1)));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new ValueTask(TooManyRequests(rejected.HttpContext, wait).ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    /// <summary>The 429 of an endpoint, in its terms: OAuth JSON at /oauth/token and /oauth/revoke, the sign-in page at /oauth/authorize, else JSON.</summary>
    private static IResult TooManyRequests(HttpContext context, TimeSpan wait)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/oauth"))
        {
            return AccountApi.TooManyAttempts(context.Response, wait);
        }

        var message = RateLimits.SetRetryAfter(context.Response, wait);
        return path.StartsWithSegments("/oauth/authorize")
            ? SignInPage.TooManyAttempts(message)
            : TypedResults.Json(new AccountError(OAuthErrorCodes.TemporarilyUnavailable, message), statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static ThrottlingOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ThrottlingOptions>>().Value;

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A token bucket per client address: <c>burst</c> at once, then <c>perPeriod</c> each <paramref name="period"/>.</summary>
    private static RateLimitPartition<string> PerAddressBucket(HttpContext context,
        Func<ThrottlingOptions, (int Burst, int PerPeriod)> pick, TimeSpan period)
    {
        var (burst, perPeriod) = pick(Limits(context));
        return RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
        });
    }
}
