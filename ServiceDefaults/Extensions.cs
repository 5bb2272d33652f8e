using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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

// Shared plumbing every SmartHome service adds first: telemetry, health, discovery, resilience, time.
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Every SmartHome ActivitySource and Meter is named under this prefix.</summary>
    public const string TelemetryPrefix = "SmartHome.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddServiceDiscovery();
        });
        // One simulation clock per service: real time plus an offset that /sim/clock moves forward.
        // Replace, not TryAdd: AddServiceDiscovery has already registered TimeProvider.System. The clock
        // is built over the real clock explicitly (resolved from DI, its TimeProvider would be itself).
        builder.Services.Replace(ServiceDescriptor.Singleton(new SimulationClock(TimeProvider.System)));
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(services => services.GetRequiredService<SimulationClock>()));
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Request logs would carry query strings (an OAuth callback's code) into telemetry; the
        // request spans say the same with query values redacted.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        // The health check service logs every Unhealthy probe at Error: a service that is still starting, or a
        // plug off the Wi-Fi, would log an Error every 5 s (the AppHost's probe). The dashboard shows the state
        // on the Resources page; the services log a fault's start and end themselves.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
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

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Mapped in every environment: the AppHost's health checks and WaitFor depend on them.
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live")
        });
        app.MapSimulationClockApi();
        return app;
    }
}
