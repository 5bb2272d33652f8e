using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SmartHome.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

// Shared plumbing every SmartHome service adds first: telemetry, health, discovery, body limits, time.
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string SpanQueueSizeKey = "OTEL_BSP_MAX_QUEUE_SIZE";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Every SmartHome ActivitySource and Meter is named under this prefix.</summary>
    public const string TelemetryPrefix = "SmartHome.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        // No SmartHome endpoint takes more than this; endpoints that take less say so (BodyLimits.WithBodyLimit).
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.Default);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddServiceDiscovery();
        });
        // The service's clock: real time plus the world's offset, which WorldMember follows in Redis.
        // Replace, not TryAdd: AddServiceDiscovery has already registered TimeProvider.System. The clock
        // is built over the real clock explicitly (resolved from DI, its TimeProvider would be itself).
        builder.Services.Replace(ServiceDescriptor.Singleton(new SimulationClock(TimeProvider.System)));
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(services => services.GetRequiredService<SimulationClock>()));
        // The service's name in the world: the AppHost's resource name.
        builder.Services.TryAddSingleton(new WorldIdentity(
            builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName.ToLowerInvariant()));
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Request logs repeat what the request spans say; the spans are the place to look.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        // Likewise IHttpClientFactory's four lines per outgoing call (start, sending, headers, end): the client
        // spans say the same, and every command would pay for them under load.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // The health check service logs every Unhealthy probe at Error: a service that is still starting, or a
        // plug off the Wi-Fi, would log an Error every 5 s (the AppHost's probe). The dashboard shows the state
        // on the Resources page; the services log a fault's start and end themselves.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            // First, before any exporter: query values (an OAuth callback's code and state) never leave the process,
            // whatever the log levels say.
            logging.AddProcessor(new RedactingLogProcessor());
        });

        // The SDK's span queue holds 2,048 spans and drops what comes beyond: the Redis instrumentation hands over
        // the commands of the last 10 s in one burst, which on a busy start-up could push out the request spans
        // those commands belong to (Redis spans left without their trace). A larger queue, unless one is set.
        if (string.IsNullOrEmpty(builder.Configuration[SpanQueueSizeKey]))
        {
            builder.Configuration[SpanQueueSizeKey] = "32768";
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                // First, before any exporter: Aspire turns the instrumentations' own query redaction off in
                // development (OTEL_DOTNET_EXPERIMENTAL_*_DISABLE_URL_QUERY_REDACTION), this does not depend on it.
                .AddProcessor(new RedactingActivityProcessor())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Health probes would drown the traces a person is looking for.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath);
                    // Runs after the instrumentation has named the span after the route.
                    options.EnrichWithHttpResponse = (activity, _) => RequestSpanName.Apply(activity);
                })
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// The first middleware of every service: errors as ProblemDetails without internals (never the developer
    /// exception page), then the guard that keeps /sim off outside Development unless Simulation:Enabled.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseProblemDetailsForErrors();
        app.UseSimulationGuard();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Mapped in every environment: the AppHost's health checks and WaitFor depend on them.
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live")
        });
        // The world lives in Redis: served by every service that has it (AddRedisConnection).
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(WorldCoordinator)))
        {
            app.MapWorldApi();
        }

        return app;
    }
}
