using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartHome.AppHost;

/// <summary>
/// The world's simulated clock: dashboard commands that move every service's clock forward
/// together (<c>POST /sim/clock/advance</c> on each, relative, so they compose with a test's own
/// advances), and a service that (re)starts is brought forward to at least the world's offset
/// (<c>POST /sim/clock/offset</c>), so a restart never sends one service back in time.
/// </summary>
internal static class SimulationClockCommands
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static void AddClockCommands(this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] services)
    {
        // Per app model, not static: a test process may run several AppHosts, each with its own world.
        var world = new WorldClock();
        foreach (var service in services)
        {
            service
                .WithCommand("advance-clock-day", "Advance clock 1 day",
                    context => AdvanceAllAsync(world, services, TimeSpan.FromDays(1), context),
                    new CommandOptions
                    {
                        Description = "Moves the simulated clock of every service forward by one day.",
                        IconName = "Clock",
                    })
                .WithCommand("advance-clock-year", "Advance clock 1 year",
                    context => AdvanceAllAsync(world, services, TimeSpan.FromDays(365), context),
                    new CommandOptions
                    {
                        Description = "Moves the simulated clock of every service forward by 365 days: token lifetimes and link ages pass.",
                        ConfirmationMessage = "Move every service's clock forward by 365 days? Tokens and account links may expire.",
                        IconName = "CalendarClock",
                    });

            builder.Eventing.Subscribe<ResourceReadyEvent>(service.Resource, async (ready, cancellationToken) =>
            {
                if (world.Offset > TimeSpan.Zero)
                {
                    await PostAsync(service.Resource, "/sim/clock/offset", world.Offset, cancellationToken);
                }
            });
        }
    }

    private static async Task<ExecuteCommandResult> AdvanceAllAsync(
        WorldClock world, IResourceBuilder<ProjectResource>[] services, TimeSpan by, ExecuteCommandContext context)
    {
        var logger = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulationClockCommands));
        var offset = world.Advance(by);
        var failures = new List<string>();
        foreach (var service in services)
        {
            try
            {
                await PostAsync(service.Resource, "/sim/clock/advance", by, context.CancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // A stopped service catches up when it is ready again (ResourceReadyEvent).
                failures.Add($"{service.Resource.Name}: {ex.Message}");
            }
        }

        logger.LogInformation("Simulated clock moved forward by {Amount}; the world is {Offset} ahead", by, offset);
        return failures.Count == 0
            ? new ExecuteCommandResult { Success = true, Message = $"Every clock is {offset.TotalDays:0.##} days ahead." }
            : new ExecuteCommandResult { Success = false, Message = $"Not reached (it catches up when it is ready): {string.Join("; ", failures)}" };
    }

    private static async Task PostAsync(ProjectResource resource, string path, TimeSpan amount, CancellationToken cancellationToken)
    {
        var endpoint = resource.GetEndpoint("http");
        using var response = await Http.PostAsJsonAsync(new Uri(new Uri(endpoint.Url), path),
            new { seconds = amount.TotalSeconds }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How far the world's clock is ahead of real time.</summary>
    private sealed class WorldClock
    {
        private long _ticks;

        public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public TimeSpan Advance(TimeSpan by) => TimeSpan.FromTicks(Interlocked.Add(ref _ticks, by.Ticks));
    }
}
