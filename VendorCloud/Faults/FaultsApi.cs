using System.Text.Json;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor cloud's outage and latency switches under <c>/sim</c> (for tests and the dashboard's commands):
/// <c>POST /sim/outage/on|off</c>, <c>POST /sim/latency {"milliseconds":N}</c>, <c>GET /sim/faults</c>.
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

    private static async Task<IResult> OutageOnAsync(CloudFaults faults, UplinkRegistry registry, ILoggerFactory loggers)
    {
        faults.SetOutage(true);
        // After the switch, so that a gateway dialling straight back is refused with 503.
        var closed = await registry.CloseAllAsync("vendor cloud outage");
        LogOutage(loggers.CreateLogger(typeof(FaultsApi).FullName!), true, closed);
        return TypedResults.Ok(faults.View());
    }

    private static IResult OutageOff(CloudFaults faults, ILoggerFactory loggers)
    {
        faults.SetOutage(false);
        LogOutage(loggers.CreateLogger(typeof(FaultsApi).FullName!), false, 0);
        return TypedResults.Ok(faults.View());
    }

    private static async Task<IResult> SetLatencyAsync(HttpRequest request, CloudFaults faults, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = request.HasJsonContentType()
            ? await JsonBody.ReadAsync<LatencyRequest>(request, LatencyJson, cancellationToken)
            : new JsonBody<LatencyRequest>(JsonBodyStatus.Malformed, null);
        if (body.Value?.Milliseconds is not { } milliseconds || !faults.TrySetLatency(milliseconds))
        {
            return TypedResults.Problem(statusCode: body.Status == JsonBodyStatus.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                title: "Bad latency",
                detail: $"A JSON body {{\"milliseconds\":N}} with N in 0..{CloudFaults.MaxLatencyMilliseconds} is required (0 turns it off).");
        }

        LogLatency(loggers.CreateLogger(typeof(FaultsApi).FullName!), milliseconds);
        return TypedResults.Ok(faults.View());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud outage: {On} ({Closed} uplinks closed)")]
    private static partial void LogOutage(ILogger logger, bool on, int closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated vendor cloud latency: {Milliseconds} ms")]
    private static partial void LogLatency(ILogger logger, int milliseconds);
}

/// <summary>The body of <c>POST /sim/latency</c>.</summary>
internal sealed record LatencyRequest(int? Milliseconds);
