using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartHome.Testing;
using SmartHome.Testing.Chaos;

namespace SmartHome.AppHost;

/// <summary>
/// The chaos monkey from the dashboard (README, "Write your own chaos test"): the resource <c>chaos-monkey</c> with
/// "Start chaos monkey" (arguments: seed, duration in seconds), which starts a seeded run against this very AppHost in the
/// background, and "Stop chaos monkey", which ends it, undoes every fault and answers with its findings (no violation in N
/// events, or the violations with the seed and the schedule to replay). The monkey is the kit's own (SmartHome.Testing.Core).
/// </summary>
internal static partial class ChaosMonkeyCommands
{
    public const string ResourceName = "chaos-monkey";
    public const string StartCommand = "start-chaos-monkey";
    public const string StopCommand = "stop-chaos-monkey";
    public const string Running = "Running";
    public const int DefaultDurationSeconds = 120;

    /// <summary>How long "Stop chaos monkey" waits for the faults to be undone and the world checked.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(5);

    public static IResourceBuilder<ChaosMonkeyResource> AddChaosMonkey(this IDistributedApplicationBuilder builder, WorldSettings world)
    {
        var monkey = new ChaosMonkeyResource(ResourceName);
        return builder.AddResource(monkey)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "ChaosMonkey",
                State = new ResourceStateSnapshot("Idle", null),
                Properties = [],
            })
            .ExcludeFromManifest()
            .WithCommand(StartCommand, "Start chaos monkey", context => StartAsync(monkey, world, context), new CommandOptions
            {
                Description = "Interleaves the world's people's commands with faults from the catalogue (Wi-Fi, band, broadband, unplug, outages, latency, restarts, token expiry and revocation, clock jumps) and checks the invariants all along.",
                ConfirmationMessage = "Start the chaos monkey? It switches real faults on and off in this world until its duration ends or you stop it.",
                IconName = "AnimalRabbit",
                IsHighlighted = true,
                Arguments =
                [
                    new InteractionInput { Name = "seed", Label = "Seed", Description = "The same seed, the same schedule. Empty: a random one (the findings name it).", InputType = InputType.Number, Required = false },
                    new InteractionInput { Name = "duration", Label = "Duration (seconds)", InputType = InputType.Number, Required = false, Value = DefaultDurationSeconds.ToString(CultureInfo.InvariantCulture) },
                ],
                UpdateState = context => context.ResourceSnapshot.State?.Text == Running ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            })
            .WithCommand(StopCommand, "Stop chaos monkey", context => StopAsync(monkey, context), new CommandOptions
            {
                Description = "Ends the run, undoes every fault, checks that the world recovered and shows the findings (the last run's when none is going).",
                IconName = "AnimalRabbitOff",
                IsHighlighted = true,
            });
    }

    private static async Task<ExecuteCommandResult> StartAsync(ChaosMonkeyResource monkey, WorldSettings world, ExecuteCommandContext context)
    {
        if (!TryReadArguments(context.Arguments, out var seed, out var duration, out var error))
        {
            return CommandResults.Failure(error);
        }

        var services = context.Services;
        monkey.Runner ??= await CreateRunnerAsync(monkey, world, services, context.CancellationToken);
        if (!monkey.Runner.Start(seed, duration))
        {
            return CommandResults.Failure("The chaos monkey is already running; stop it first.");
        }

        await services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(monkey, s => s with
        {
            State = new ResourceStateSnapshot(Running, KnownResourceStateStyles.Info),
            Properties = [new("chaos.seed", seed), new("chaos.duration", $"{duration.TotalSeconds:0} s")],
        });
        return CommandResults.Success($"Chaos monkey started: seed {seed}, {duration.TotalSeconds:0} s. \"Stop chaos monkey\" ends it and shows its findings.");
    }

    private static async Task<ExecuteCommandResult> StopAsync(ChaosMonkeyResource monkey, ExecuteCommandContext context)
    {
        if (monkey.Runner is null)
        {
            return CommandResults.Success("The chaos monkey has not run yet.");
        }

        ChaosMonkeyFindings? findings;
        try
        {
            findings = await monkey.Runner.StopAsync(context.CancellationToken).WaitAsync(StopBound, context.CancellationToken);
        }
        catch (TimeoutException)
        {
            return CommandResults.Failure($"The chaos monkey did not finish undoing its faults within {StopBound.TotalMinutes:0} min; its log on the chaos-monkey resource says where it is.");
        }

        return Result(findings);
    }

    /// <summary>The findings as the command's result: its message the one-line summary (red when an invariant broke), the whole report shown at once.</summary>
    internal static ExecuteCommandResult Result(ChaosMonkeyFindings? findings)
    {
        if (findings is null)
        {
            return CommandResults.Success("The chaos monkey has not run yet.");
        }

        var report = new CommandResultData { Value = findings.Details.TrimEnd(), Format = CommandResultFormat.Text, DisplayImmediately = true };
        return findings.Passed ? CommandResults.Success(findings.Summary, report) : CommandResults.Failure(findings.Summary, report);
    }

    /// <summary>The seed (empty: a random one) and the duration in whole seconds (empty: <see cref="DefaultDurationSeconds"/>).</summary>
    internal static bool TryReadArguments(InteractionInputCollection? arguments, out int seed, out TimeSpan duration, out string error)
    {
        seed = Random.Shared.Next(1, 100_000);
        duration = TimeSpan.FromSeconds(DefaultDurationSeconds);
        error = "";
        if (Argument(arguments, "seed") is { } seedText && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            error = $"The seed must be a whole number, not '{seedText}'.";
            return false;
        }

        if (Argument(arguments, "duration") is { } durationText)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 5)
            {
                error = $"The duration must be a whole number of seconds, at least 5, not '{durationText}'.";
                return false;
            }

            duration = TimeSpan.FromSeconds(seconds);
        }

        return true;
    }

    private static string? Argument(InteractionInputCollection? arguments, string name) =>
        arguments is not null && arguments.TryGetByName(name, out var input) && !string.IsNullOrWhiteSpace(input?.Value) ? input.Value.Trim() : null;

    private static async Task<ChaosMonkeyRunner> CreateRunnerAsync(ChaosMonkeyResource resource, WorldSettings world, IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var options = await WorldOptionsAsync(world, services, cancellationToken);
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var monkey = new ChaosMonkey(SmartHomeWorld.Attach(services, options), new ChaosMonkeyOptions
        {
            Log = line => LogProgress(log, line),
            // The dashboard's telemetry API answers only with its key; without one the secrets are not searched for.
            CheckTelemetry = options.DashboardApiKey is not null,
        });
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return new ChaosMonkeyRunner(monkey, log, stopping)
        {
            Ended = findings => notifications.PublishUpdateAsync(resource, s => s with
            {
                State = findings.Passed
                    ? new ResourceStateSnapshot("Passed", KnownResourceStateStyles.Success)
                    : new ResourceStateSnapshot("Violations", KnownResourceStateStyles.Error),
                Properties = [new("chaos.seed", findings.Seed), new("chaos.findings", findings.Summary)],
            }),
        };
    }

    /// <summary>What the monkey must know of this AppHost's world: its name, link policy, the owner, and every secret parameter's value.</summary>
    private static async Task<SmartHomeWorldOptions> WorldOptionsAsync(WorldSettings world, IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var parameters = services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().ToList();
        var options = new SmartHomeWorldOptions
        {
            World = world.FleetHomes > 0 ? null : configuration[$"Parameters:{WorldSettings.WorldParameter}"] ?? WorldSettings.DefaultWorldName,
            FleetHomes = world.FleetHomes,
            OwnerEmail = world.OwnerEmail,
            DashboardApiKey = configuration["AppHost:DashboardApiKey"],
            // The verbs go to each home's simulator shard (AppHost/SimulatorReplicas.cs validated the count at start).
            SimulatorReplicas = int.TryParse(configuration[$"Parameters:{SimulatorReplicas.Parameter}"], CultureInfo.InvariantCulture, out var shards) && shards > 0 ? shards : 1,
        };
        // Only what the monkey needs: the secrets (to sign in and to search the telemetry for) and the link policy it models.
        foreach (var parameter in parameters.Where(p => p.Secret || p.Name is "link-policy" or "link-max-age-days"))
        {
            var value = await parameter.GetValueAsync(cancellationToken);
            switch (parameter.Name)
            {
                case "owner-password":
                    options.OwnerPassword = value ?? options.OwnerPassword;
                    break;
                case "link-policy" when value is { Length: > 0 }:
                    options.LinkPolicy = value;
                    break;
                case "link-max-age-days" when int.TryParse(value, CultureInfo.InvariantCulture, out var days):
                    options.LinkMaxAge = TimeSpan.FromDays(days);
                    break;
                case var name when parameter.Secret && value is not null:
                    options.SecretParameters[name] = value;
                    break;
            }
        }

        return options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogProgress(ILogger logger, string line);
}
