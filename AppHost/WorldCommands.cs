using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartHome.AppHost;

/// <summary>
/// The world's dashboard commands, on every service: "Advance clock 1 day", "Advance clock 1 year"
/// (<c>POST /sim/world/clock/advance</c>) and "Reset the world" (<c>POST /sim/world/reset</c>). The world's
/// clock and its resets live in Redis, so any service moves every service: the command asks its own
/// resource first, another one if that one is stopped, and reports success only once every live service
/// has applied the change. A (re)started service loads the world's clock itself.
/// </summary>
internal static class WorldCommands
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static void AddWorldCommands(this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] services)
    {
        foreach (var service in services)
        {
            // This resource first, then the others: the world can be moved while one service is stopped.
            ProjectResource[] askInOrder = [service.Resource, .. services.Select(s => s.Resource).Where(r => r != service.Resource)];
            service
                .WithCommand("advance-clock-day", "Advance clock 1 day",
                    context => AdvanceAsync(askInOrder, days: 1, context),
                    new CommandOptions
                    {
                        Description = "Moves the world's simulated clock (every service's) forward by one day.",
                        IconName = "Clock",
                    })
                .WithCommand("advance-clock-year", "Advance clock 1 year",
                    context => AdvanceAsync(askInOrder, days: 365, context),
                    new CommandOptions
                    {
                        Description = "Moves the world's simulated clock (every service's) forward by 365 days: token lifetimes and link ages pass.",
                        ConfirmationMessage = "Move the world's clock forward by 365 days? Tokens and account links may expire.",
                        IconName = "CalendarClock",
                    })
                .WithCommand("reset-world", "Reset the world",
                    context => ResetAsync(askInOrder, context),
                    new CommandOptions
                    {
                        Description = "Back to the freshly seeded world: clock at real time, faults off, the vendor's account and the assistant's link seeded again, the lamp in its factory state.",
                        ConfirmationMessage = "Reset the world? Every service's state is wiped and seeded again, the clock goes back to real time and every fault is switched off.",
                        IconName = "ArrowReset",
                    });
        }
    }

    private static Task<ExecuteCommandResult> AdvanceAsync(ProjectResource[] askInOrder, int days, ExecuteCommandContext context) =>
        PostToAnyAsync(askInOrder, "/sim/world/clock/advance", new { days }, context, answer =>
            $"The world's clock is {answer.GetProperty("offsetDays").GetDouble():0.##} days ahead; every service has applied it.");

    private static Task<ExecuteCommandResult> ResetAsync(ProjectResource[] askInOrder, ExecuteCommandContext context) =>
        PostToAnyAsync(askInOrder, "/sim/world/reset", null, context, answer =>
            $"The world is reset (generation {answer.GetProperty("generation").GetInt64()}): {Outcomes(answer)}.");

    private static async Task<ExecuteCommandResult> PostToAnyAsync(ProjectResource[] askInOrder, string path, object? body,
        ExecuteCommandContext context, Func<JsonElement, string> success)
    {
        var logger = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorldCommands));
        var unreachable = new List<string>();
        foreach (var resource in askInOrder)
        {
            try
            {
                var url = new Uri(new Uri(resource.GetEndpoint("http").Url), path);
                using var response = body is null
                    ? await Http.PostAsync(url, null, context.CancellationToken)
                    : await Http.PostAsJsonAsync(url, body, context.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    unreachable.Add($"{resource.Name}: 404");
                    continue;
                }

                using var answer = JsonDocument.Parse(text);
                if (response.IsSuccessStatusCode)
                {
                    var message = success(answer.RootElement);
                    logger.LogInformation("{Path} via {Resource}: {Message}", path, resource.Name, message);
                    return new ExecuteCommandResult { Success = true, Message = message };
                }

                // The world answered but did not fully move (a service did not apply it, Redis is down): say so.
                return new ExecuteCommandResult { Success = false, Message = $"{(int)response.StatusCode} from {resource.Name}: {text}" };
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException
                                       || (ex is TaskCanceledException && !context.CancellationToken.IsCancellationRequested))
            {
                // Stopped or starting: ask the next service.
                unreachable.Add($"{resource.Name}: {ex.Message}");
            }
        }

        return new ExecuteCommandResult { Success = false, Message = $"No service answered: {string.Join("; ", unreachable)}" };
    }

    private static string Outcomes(JsonElement answer) => string.Join(", ", answer.GetProperty("services").EnumerateArray()
        .Select(s => $"{s.GetProperty("service").GetString()} {s.GetProperty("outcome").GetString()}"));
}
