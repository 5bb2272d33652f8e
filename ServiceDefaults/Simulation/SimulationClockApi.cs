using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartHome.ServiceDefaults;

/// <summary>How far to move the clock: any mix of days, hours, minutes and seconds (all optional).</summary>
public sealed record ClockAdvance(double? Days, double? Hours, double? Minutes, double? Seconds)
{
    /// <summary>The total; throws <see cref="OverflowException"/> past what a TimeSpan holds.</summary>
    public TimeSpan Amount => TimeSpan.FromDays(Days ?? 0) + TimeSpan.FromHours(Hours ?? 0)
        + TimeSpan.FromMinutes(Minutes ?? 0) + TimeSpan.FromSeconds(Seconds ?? 0);

    /// <summary>The total, or null when it is not a number a clock can move by (too large, NaN).</summary>
    public TimeSpan? AmountOrNull()
    {
        try
        {
            return Amount;
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The clock as a service reports it.</summary>
public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset, double OffsetDays);

public static class SimulationClockApi
{
    /// <summary>How far the clock may run ahead: enough for any story, far from where dates stop (year 9999).</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(365 * 1000);

    /// <summary>
    /// <c>GET /sim/clock</c>, <c>POST /sim/clock/advance</c> (<see cref="ClockAdvance"/>) and
    /// <c>POST /sim/clock/offset</c> (<c>{"days":N}</c>: move forward to that total offset, never back),
    /// the last so that the AppHost can bring a restarted service back to the world's time.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulationClockApi(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/sim/clock").WithTags("Simulation").WithBodyLimit(BodyLimits.SmallJson);

        clock.MapGet("/", (SimulationClock time) => State(time));

        clock.MapPost("/advance", (ClockAdvance request, SimulationClock time) =>
        {
            if (request.AmountOrNull() is not { } amount || time.Offset + amount > MaxOffset)
            {
                return TooLarge();
            }

            if (amount < TimeSpan.Zero)
            {
                return Results.Problem("The clock only moves forward.", statusCode: StatusCodes.Status400BadRequest);
            }

            time.Advance(amount);
            return Results.Ok(State(time));
        });

        clock.MapPost("/offset", (ClockAdvance request, SimulationClock time) =>
        {
            if (request.AmountOrNull() is not { } offset || offset > MaxOffset)
            {
                return TooLarge();
            }

            if (offset < TimeSpan.Zero)
            {
                return Results.Problem("An offset is never negative.", statusCode: StatusCodes.Status400BadRequest);
            }

            time.AdvanceTo(offset);
            return Results.Ok(State(time));
        });

        return app;
    }

    private static IResult TooLarge() =>
        Results.Problem("The amount is not a time span the clock can move by (at most 1,000 years ahead in all).", statusCode: StatusCodes.Status400BadRequest);

    private static ClockState State(SimulationClock time)
        => new(time.GetUtcNow(), time.Offset, time.Offset.TotalDays);
}
