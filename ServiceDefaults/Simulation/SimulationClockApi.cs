using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartHome.ServiceDefaults;

/// <summary>How far to move the clock: any mix of days, hours, minutes and seconds (all optional).</summary>
public sealed record ClockAdvance(double? Days, double? Hours, double? Minutes, double? Seconds)
{
    public TimeSpan Amount => TimeSpan.FromDays(Days ?? 0) + TimeSpan.FromHours(Hours ?? 0)
        + TimeSpan.FromMinutes(Minutes ?? 0) + TimeSpan.FromSeconds(Seconds ?? 0);
}

/// <summary>The clock as a service reports it.</summary>
public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset, double OffsetDays);

public static class SimulationClockApi
{
    /// <summary>
    /// <c>GET /sim/clock</c>, <c>POST /sim/clock/advance</c> (<see cref="ClockAdvance"/>) and
    /// <c>POST /sim/clock/offset</c> (<c>{"days":N}</c>: move forward to that total offset, never back),
    /// the last so that the AppHost can bring a restarted service back to the world's time.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulationClockApi(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/sim/clock").WithTags("Simulation");

        clock.MapGet("/", (SimulationClock time) => State(time));

        clock.MapPost("/advance", (ClockAdvance request, SimulationClock time) =>
        {
            var amount = request.Amount;
            if (amount < TimeSpan.Zero)
            {
                return Results.Problem("The clock only moves forward.", statusCode: StatusCodes.Status400BadRequest);
            }

            time.Advance(amount);
            return Results.Ok(State(time));
        });

        clock.MapPost("/offset", (ClockAdvance request, SimulationClock time) =>
        {
            var offset = request.Amount;
            if (offset < TimeSpan.Zero)
            {
                return Results.Problem("An offset is never negative.", statusCode: StatusCodes.Status400BadRequest);
            }

            time.AdvanceTo(offset);
            return Results.Ok(State(time));
        });

        return app;
    }

    private static ClockState State(SimulationClock time)
        => new(time.GetUtcNow(), time.Offset, time.Offset.TotalDays);
}
