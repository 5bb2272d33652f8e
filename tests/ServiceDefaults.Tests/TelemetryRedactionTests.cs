using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>
/// ServiceDefaults' telemetry never exports a query string's values (an OAuth callback's code and state), not
/// even when the environment turns the instrumentations' own redaction off, as Aspire does in development.
/// </summary>
public sealed class TelemetryRedactionTests
{
    private const string Code = "SECRET-code-0123456789";
    private const string State = "SECRET-state-0123456789";

    private sealed class Capture<T> : BaseExporter<T> where T : class
    {
        public List<string> Seen { get; } = [];

        public Func<T, string> Describe { get; init; } = t => t.ToString() ?? "";

        public override ExportResult Export(in Batch<T> batch)
        {
            lock (Seen)
            {
                foreach (var item in batch)
                {
                    Seen.Add(Describe(item));
                }
            }

            return ExportResult.Success;
        }
    }

    private static string Describe(Activity activity) =>
        $"{activity.DisplayName} {string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))}";

    private static string Describe(LogRecord log) =>
        $"{log.FormattedMessage} {log.Body} {string.Join(" ", (log.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"))}";

    [Fact]
    public async Task The_callbacks_code_and_state_reach_no_span_and_no_log_whatever_the_environment_says()
    {
        var spans = new Capture<Activity> { Describe = Describe };
        var logs = new Capture<LogRecord> { Describe = Describe };
        var builder = LoopbackHost.CreateBuilder("Development");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // What Aspire's AppHost sets on every project in development.
            ["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION"] = "true",
            // A developer who turns request logging up.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHttpClient();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(spans)));
        builder.Logging.AddOpenTelemetry(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(logs)));
        await using var app = builder.Build();
        app.MapGet("/api/link/callback", (HttpRequest request, ILogger<TelemetryRedactionTests> logger) =>
        {
            logger.LogInformation("The browser came back to {Url}", $"{request.Path}{request.QueryString}");
            return Results.Ok();
        });
        var address = await LoopbackHost.StartAsync(app);

        using (var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient())
        {
            var response = await http.GetAsync(new Uri(address, $"/api/link/callback?code={Code}&state={State}"));
            Assert.True(response.IsSuccessStatusCode);
        }

        await app.StopAsync();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);
        var everything = string.Join("\n", spans.Seen.Concat(logs.Seen));
        Assert.Contains("/api/link/callback", everything, StringComparison.Ordinal); // the telemetry is real
        Assert.DoesNotContain(Code, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(State, everything, StringComparison.Ordinal);
    }
}
