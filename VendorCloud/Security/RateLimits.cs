using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Security;

/// <summary>
/// Throttling of the endpoints that check secrets: ASP.NET Core's rate-limiting middleware, partitioned per
/// client address (policies <see cref="SignIn"/> and <see cref="Token"/>), and the <see cref="SignInThrottle"/>
/// that counts wrong passwords per account. A refusal is 429 with Retry-After, in the endpoint's own terms.
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Token = "token";

    public static IServiceCollection AddVendorThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottlingOptions>(configuration.GetSection(ThrottlingOptions.SectionName));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, context =>
            {
                var limits = Limits(context);
                return RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.SignInRequestBurst,
                    TokensPerPeriod = limits.SignInRequestsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.AddPolicy(Token, context =>
            {
                var limits = Limits(context);
                return RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.TokenRequestBurst,
                    TokensPerPeriod = limits.TokenRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new ValueTask(TooManyRequests(rejected.HttpContext, wait).ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    /// <summary>The 429 of an endpoint, in its terms: OAuth JSON at /oauth/token and /oauth/revoke, the sign-in page at /oauth/authorize, else JSON.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan wait)
    {
        var message = SetRetryAfter(context.Response, wait);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/oauth/authorize"))
        {
            return SignInPage.TooManyAttempts(message);
        }

        var error = path.StartsWithSegments("/oauth")
            ? new AccountError(OAuthErrorCodes.TemporarilyUnavailable, message)
            : new AccountError("too_many_attempts", message);
        return Results.Json(error, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Sets <c>Retry-After</c> (whole seconds, at least 1) and <c>no-store</c>; returns the sentence that tells the wait.</summary>
    public static string SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        return $"Too many attempts. Try again in {seconds} seconds.";
    }

    private static ThrottlingOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ThrottlingOptions>>().Value;

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
