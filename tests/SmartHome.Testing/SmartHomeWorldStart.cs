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
        /// healthy; a <see cref="TimeoutException"/> names the resources that were not, and their state.
        /// </summary>
        public static async Task<SmartHomeWorld> StartAsync(Action<SmartHomeWorldOptions>? configure = null, CancellationToken cancellationToken = default)
        {
            var options = new SmartHomeWorldOptions();
            configure?.Invoke(options);
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
                             ?? throw new ArgumentException($"The AppHost has no resource '{resource}' to set the environment of.", nameof(configure));
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
                app = await builder.BuildAsync(cts.Token);
                await app.StartAsync(cts.Token);
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
    }
}
