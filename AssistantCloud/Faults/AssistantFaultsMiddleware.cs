using System.Diagnostics;
using System.Globalization;

namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// During an outage every request answers 503 with <c>Retry-After</c> (ProblemDetails for utterances, the user
/// API, the link callback; the event gateway's and the token service's own error bodies) before any endpoint runs. <c>/health</c>, <c>/alive</c> and <c>/sim</c> keep
/// answering so that the simulation can be switched back, and so does <c>/api/diagnose</c>: the diagnosis
/// must work while the hops it checks are broken, and reports this outage itself.
/// </summary>
internal sealed partial class AssistantFaultsMiddleware(RequestDelegate next, AssistantFaults faults, ILogger<AssistantFaultsMiddleware> logger)
{
    /// <summary>What the 503 asks a client to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!faults.Outage || IsAlwaysUp(path))
        {
            await next(context);
            return;
        }

        LogRefused(logger, path.Value ?? "/");
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        Activity.Current?.SetTag("smarthome.fault", "assistant_outage");
        Activity.Current?.SetStatus(ActivityStatusCode.Error, "assistant cloud outage (simulated)");
        // Each protocol's own terms: the event gateway's error body, an OAuth error at the token service.
        IResult answer = path.StartsWithSegments(EventGateway.EventGatewayApi.Path)
            ? new EventGateway.EventGatewayError(EventGateway.EventGatewayError.ServiceUnavailable, "The assistant is temporarily unavailable.").ToResult()
            : path.StartsWithSegments(EventGateway.LwaTokenApi.Path)
                ? TypedResults.Json(new EventGateway.OAuthError("temporarily_unavailable", "The assistant is temporarily unavailable."),
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                    detail: "The assistant is temporarily unavailable.");
        await answer.ExecuteAsync(context);
    }

    private static bool IsAlwaysUp(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/sim")
        || path.StartsWithSegments("/api/diagnose");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outage: {Path} answered 503")]
    private static partial void LogRefused(ILogger logger, string path);
}
