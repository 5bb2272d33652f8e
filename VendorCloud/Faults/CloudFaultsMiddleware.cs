using System.Diagnostics;
using System.Globalization;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// Applies <see cref="CloudFaults"/> before any endpoint runs. During an outage the whole cloud answers 503
/// with <c>Retry-After</c> (the skill endpoint, OAuth, the uplink, accounts, the support API); <c>/health</c>, <c>/alive</c>
/// and <c>/sim</c> keep answering so that the simulation can be switched back. Added latency delays the
/// skill endpoint, OAuth and the partner support API, as a slow cloud would; the delay ends early when the caller gives up.
/// </summary>
internal sealed partial class CloudFaultsMiddleware(RequestDelegate next, CloudFaults faults, TimeProvider time,
    ILogger<CloudFaultsMiddleware> logger)
{
    /// <summary>What the 503 asks a client to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsAlwaysUp(path))
        {
            await next(context);
            return;
        }

        if (faults.Outage)
        {
            LogRefused(logger, path.Value ?? "/");
            await WriteUnavailableAsync(context);
            return;
        }

        var latency = faults.LatencyMilliseconds;
        if (latency > 0 && IsDelayed(path))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(latency), time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the caller gave up waiting: nobody to answer
            }
        }

        await next(context);
    }

    private static bool IsAlwaysUp(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/sim");

    private static bool IsDelayed(PathString path) =>
        path.StartsWithSegments("/alexa") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/api/support");

    private static Task WriteUnavailableAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        Activity.Current?.SetTag("smarthome.fault", "vendor_outage");
        Activity.Current?.SetStatus(ActivityStatusCode.Error, "vendor cloud outage (simulated)");
        if (context.Request.Path.StartsWithSegments("/oauth"))
        {
            // RFC 6749's error for a server that cannot handle the request now (4.1.2.1), in the token endpoint's JSON shape.
            response.Headers.CacheControl = "no-store";
            return response.WriteAsJsonAsync(new OAuthError(OAuthErrorCodes.TemporarilyUnavailable, "The vendor cloud is temporarily unavailable."));
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
            detail: "The vendor cloud is temporarily unavailable.").ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outage: {Path} answered 503")]
    private static partial void LogRefused(ILogger logger, string path);
}
