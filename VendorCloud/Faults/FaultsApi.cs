using System.Text.Json;
using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor cloud's outage and latency switches under <c>/sim</c> (for tests and the dashboard's commands):
/// <c>POST /sim/outage/on|off</c>, <c>POST /sim/latency {"milliseconds":N}</c>, <c>GET /sim/faults</c>. A switch is the
/// world's: flipped on any replica, it holds on all (<see cref="SharedCloudFaults"/>); the replica that flips it logs one
/// line when the fault starts and one when it ends.
/// </summary>
internal static partial class FaultsApi
{
    private static readonly JsonSerializerOptions LatencyJson = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim").WithBodyLimit(BodyLimits.SmallJson);
        sim.MapGet("/faults", (CloudFaults faults) => TypedResults.Ok(faults.View()));
        sim.MapPost("/outage/on", OutageOnAsync).DisableAntiforgery();
        sim.MapPost("/outage/off", OutageOff).DisableAntiforgery();
        sim.MapPost("/latency", SetLatencyAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> OutageOnAsync(CloudFaults faults, SharedCloudFaults shared, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (changed, closed) = await shared.SetOutageAsync(true, cancellationToken);
        if (changed)
        {
            LogOutageStarted(loggers.CreateLogger(typeof(FaultsApi).FullName!), closed);
        }

        return TypedResults.Ok(faults.View());
    }

    private static async Task<IResult> OutageOff(CloudFaults faults, SharedCloudFaults shared, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (changed, _) = await shared.SetOutageAsync(false, cancellationToken);
        if (changed)
        {
            LogOutageEnded(loggers.CreateLogger(typeof(FaultsApi).FullName!));
        }

        return TypedResults.Ok(faults.View());
    }

    private static async Task<IResult> SetLatencyAsync(HttpRequest request, CloudFaults faults, SharedCloudFaults shared,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var body = request.HasJsonContentType()
            ? await JsonBody.ReadAsync<LatencyRequest>(request, LatencyJson, cancellationToken)
            : new JsonBody<LatencyRequest>(JsonBodyStatus.Malformed, null);
        var changed = body.Value?.Milliseconds is { } requested ? await shared.SetLatencyAsync(requested, cancellationToken) : null;
        if (body.Value?.Milliseconds is not { } milliseconds || changed is null)
        {
            return TypedResults.Problem(statusCode: body.Status == JsonBodyStatus.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                title: "Bad latency",
                detail: $"A JSON body {{\"milliseconds\":N}} with N in 0..{CloudFaults.MaxLatencyMilliseconds} is required (0 turns it off).");
        }

        if (changed == true)
        {
            var logger = loggers.CreateLogger(typeof(FaultsApi).FullName!);
            if (milliseconds > 0)
            {
                LogLatency(logger, milliseconds);
            }
            else
            {
                LogLatencyEnded(logger);
            }
        }

        return TypedResults.Ok(faults.View());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud outage started on every replica ({Closed} uplinks closed by this one)")]
    private static partial void LogOutageStarted(ILogger logger, int closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud outage ended on every replica")]
    private static partial void LogOutageEnded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud latency: {Milliseconds} ms on every replica")]
    private static partial void LogLatency(ILogger logger, int milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud latency ended on every replica")]
    private static partial void LogLatencyEnded(ILogger logger);
}

/// <summary>The body of <c>POST /sim/latency</c>.</summary>
internal sealed record LatencyRequest(int? Milliseconds);
