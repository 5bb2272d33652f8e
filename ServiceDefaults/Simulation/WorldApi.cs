using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The world, on every service (so any one of them will do): <c>GET /sim/world</c>, <c>POST
/// /sim/world/clock/advance</c> (<see cref="ClockAdvance"/>) and <c>POST /sim/world/reset</c>; and <c>GET
/// /sim/clock</c>, this service's clock as it applied the world's. No service has a clock of its own to move.
/// </summary>
public static class WorldApi
{
    /// <summary>How far the world may run ahead: enough for any story, far from where dates stop (year 9999).</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(365 * 1000);

    public static IEndpointRouteBuilder MapWorldApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sim/clock", (SimulationClock clock, WorldIdentity identity) =>
            TypedResults.Ok(new ClockState(identity.Name, clock.GetUtcNow(), clock.Offset, clock.Offset.TotalDays, clock.Applied.Version)))
            .WithTags("Simulation");

        var world = app.MapGroup("/sim/world").WithTags("Simulation").WithBodyLimit(BodyLimits.SmallJson);

        world.MapGet("/", async Task<IResult> (WorldCoordinator coordinator) =>
            await WhileRedisAnswersAsync(async () => TypedResults.Ok(await coordinator.ViewAsync())));

        world.MapPost("/clock/advance", async Task<IResult> (ClockAdvance request, WorldCoordinator coordinator, SimulationClock clock,
            CancellationToken cancellationToken) =>
        {
            if (request.AmountOrNull() is not { } amount || clock.Offset + amount > MaxOffset)
            {
                return TypedResults.Problem(title: "Not a time span the world's clock can move by.",
                    detail: "The world runs at most 1,000 years ahead in all.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (amount <= TimeSpan.Zero)
            {
                return TypedResults.Problem(title: "The clock only moves forward.",
                    detail: "Give a positive amount of days, hours, minutes or seconds.", statusCode: StatusCodes.Status400BadRequest);
            }

            return await WhileRedisAnswersAsync(async () =>
            {
                var advanced = await coordinator.AdvanceClockAsync(amount, cancellationToken);
                return advanced.NotApplied.Count == 0
                    ? TypedResults.Ok(advanced)
                    : TypedResults.Json(advanced, statusCode: StatusCodes.Status504GatewayTimeout);
            });
        });

        world.MapPost("/reset", async Task<IResult> (WorldCoordinator coordinator, CancellationToken cancellationToken) =>
            await WhileRedisAnswersAsync(async () =>
            {
                var reset = await coordinator.ResetAsync(cancellationToken);
                return reset.Succeeded ? TypedResults.Ok(reset) : TypedResults.Json(reset, statusCode: StatusCodes.Status503ServiceUnavailable);
            }));

        return app;
    }

    /// <summary>The world lives in Redis: without it nothing can move it, which is a 503, not a 500.</summary>
    private static async Task<IResult> WhileRedisAnswersAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return TypedResults.Problem(title: "The world's state (Redis) does not answer.", detail: ex.Message,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
