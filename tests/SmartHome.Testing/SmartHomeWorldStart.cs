using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartHome.Testing;

/// <summary>
/// <c>SmartHomeWorld.StartAsync</c>: the one part of the kit that knows the AppHost (<c>Projects.AppHost</c>). The world's
/// verbs and the monkey live in SmartHome.Testing.Core, which the AppHost references itself to run the monkey as a dashboard
/// command; a static extension member keeps the entry where a user looks for it.
/// </summary>
public static class SmartHomeWorldStart
{
    extension(SmartHomeWorld)
    {
        /// <summary>
        /// Starts the AppHost and waits, bounded by <see cref="SmartHomeWorldOptions.StartTimeout"/>, until every resource is
        /// healthy; a <see cref="TimeoutException"/> names the resources that were not, and their state. Worlds in one process
        /// start one at a time, and a start that misses its bound is tried again up to <see cref="SmartHomeWorldOptions.StartAttempts"/>.
        /// </summary>
        public static async Task<SmartHomeWorld> StartAsync(Action<SmartHomeWorldOptions>? configure = null, CancellationToken cancellationToken = default)
        {
            var options = new SmartHomeWorldOptions();
            configure?.Invoke(options);
            var attempts = Math.Max(1, options.StartAttempts);
            var missed = new List<string>();

            // Starting an AppHost (DCP, a dozen processes, their first JIT) is what loads a small machine most: one at a time,
            // each start's bound measures its own start, not the others' beside it.
            await StartGate.WaitAsync(cancellationToken);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await StartOnceAsync(options, cancellationToken);
                    }
                    catch (TimeoutException e) when (attempt < attempts)
                    {
                        missed.Add(e.Message);
                        await Console.Error.WriteLineAsync($"SmartHomeWorld: start {attempt} of {attempts} missed its bound, starting a fresh AppHost: {e.Message}");
                    }
                    catch (TimeoutException e) when (missed.Count > 0)
                    {
                        missed.Add(e.Message);
                        throw new TimeoutException(string.Join(" ", missed.Select((m, i) => $"Start {i + 1} of {attempts}: {m}")), e);
                    }
                }
            }
            finally
            {
                StartGate.Release();
            }
        }
    }

    private static readonly SemaphoreSlim StartGate = new(1, 1);

    private static async Task<SmartHomeWorld> StartOnceAsync(SmartHomeWorldOptions options, CancellationToken cancellationToken)
    {
        var secrets = new WorldSecrets(options);
        var dataDir = Path.Combine(Path.GetTempPath(), "smarthome-world", Guid.NewGuid().ToString("n"));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. options.ToArguments(secrets, dataDir)],
            (app, _) =>
            {
                app.DisableDashboard = false;
                app.AllowUnsecuredTransport = true;
            },
            cancellationToken);
        foreach (var (resource, variables) in options.ResourceEnvironment)
        {
            var target = builder.Resources.OfType<IResourceWithEnvironment>().SingleOrDefault(r => r.Name == resource)
                         ?? throw new ArgumentException($"The AppHost has no resource '{resource}' to set the environment of.", nameof(options));
            target.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                foreach (var (name, value) in variables)
                {
                    context.EnvironmentVariables[name] = value;
                }
            }));
        }

        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            // Categories, so that they win over the AppHost's appsettings (Information): the services' own output is in the dashboard.
            logging.AddFilter("Aspire.Hosting", LogLevel.Warning);
            logging.AddFilter("AppHost.Resources", LogLevel.Warning);
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
        });

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.StartTimeout);
        DistributedApplication? app = null;
        try
        {
            try
            {
                app = await builder.BuildAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The AppHost was not even built within {options.StartTimeout.TotalSeconds:0} s.");
            }

            try
            {
                await app.StartAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The AppHost had not started within {options.StartTimeout.TotalSeconds:0} s (the orchestrator was still "
                                           + $"creating its resources): {DescribeResources(app, builder.Resources)}.");
            }

            var world = new SmartHomeWorld(app.Services, app, options, secrets, dataDir);
            await world.WaitHealthyAsync(world.RequiredResources, cts.Token, options.StartTimeout, cancellationToken);
            return world;
        }
        catch (Exception) when (app is not null)
        {
            await app.DisposeAsync();
            throw;
        }
    }

    // Each resource's state as the orchestrator last reported it, for a start that did not finish.
    private static string DescribeResources(DistributedApplication app, IEnumerable<IResource> resources)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        return string.Join(", ", resources.Select(r => notifications.TryGetCurrentState(r.Name, out var e)
            ? $"{r.Name} ({e.Snapshot.State?.Text ?? "no state"})"
            : $"{r.Name} (not yet reported)"));
    }
}
