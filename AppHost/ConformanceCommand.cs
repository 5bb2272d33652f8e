using System.Text.Json;

namespace SmartHome.AppHost;

/// <summary>
/// "Check skill conformance" on assistantcloud: the assistant's <c>POST /api/skill/conformance</c> against the
/// configured skill; the report's summary is the command's message (green when every item passed), the report opens at once.
/// </summary>
internal static class ConformanceCommand
{
    public const string Name = "skill-conformance";

    public static IResourceBuilder<ProjectResource> WithConformanceCommand(this IResourceBuilder<ProjectResource> assistant) => assistant
        .WithHttpCommand("/api/skill/conformance", "Check skill conformance", endpointName: "http", commandName: Name, new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            IconName = "ClipboardTaskListLtr",
            Description = "Runs the skill conformance checklist against the configured skill (account linking with PKCE, refresh, Discovery, directives, ReportState, error responses, the token endpoint's speed, AcceptGrant) with its test account.",
            GetCommandResult = async context =>
            {
                var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
                if (!context.Response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"The conformance check answered HTTP {(int)context.Response.StatusCode}.", body, CommandResultFormat.Json);
                }

                var report = new CommandResultData { Value = body, Format = CommandResultFormat.Json, DisplayImmediately = true };
                var (passed, summary) = Summary(body);
                return passed ? CommandResults.Success(summary, report) : CommandResults.Failure(summary, report);
            },
        });

    /// <summary>Whether every item passed, and the report's one-line summary.</summary>
    internal static (bool Passed, string Summary) Summary(string reportJson)
    {
        try
        {
            using var report = JsonDocument.Parse(reportJson);
            var root = report.RootElement;
            var passed = root.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
            var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "The report has no summary.";
            return (passed, summary);
        }
        catch (JsonException)
        {
            return (false, "The conformance check answered something that is not a report.");
        }
    }
}
