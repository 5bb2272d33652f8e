using System.Text.Json;

namespace SmartHome.AppHost;

/// <summary>
/// "Why doesn't my light work?" from the dashboard: the assistant's <c>GET /api/diagnose</c> for a person
/// and a device, its one-line verdict as the command's message and the whole report shown at once.
/// </summary>
internal static class DiagnosisCommand
{
    public const string Name = "diagnose";

    public static IResourceBuilder<ProjectResource> WithDiagnosisCommand(this IResourceBuilder<ProjectResource> assistant,
        string user, string device) => assistant
        .WithHttpCommand("/api/diagnose", "Diagnose a device", endpointName: "http", commandName: Name, new HttpCommandOptions
        {
            Method = HttpMethod.Get,
            IconName = "Stethoscope",
            Description = "Walks the chain (assistant, link, vendor, uplink, gateway, 2.4 GHz band, plug, lamp) and names the first hop that fails, its cause and the fix.",
            Arguments =
            [
                new InteractionInput { Name = "user", Label = "Person (assistant user)", InputType = InputType.Text, Required = true, Value = user },
                new InteractionInput { Name = "device", Label = "Device, as spoken", InputType = InputType.Text, Required = true, Value = device },
            ],
            PrepareRequest = context =>
            {
                var who = ArgumentOrDefault(context.Arguments, "user", user);
                var what = ArgumentOrDefault(context.Arguments, "device", device);
                var builder = new UriBuilder(context.Request.RequestUri!)
                {
                    Query = $"user={Uri.EscapeDataString(who)}&device={Uri.EscapeDataString(what)}",
                };
                context.Request.RequestUri = builder.Uri;
                return Task.CompletedTask;
            },
            GetCommandResult = async context =>
            {
                var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
                if (!context.Response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"The diagnosis answered HTTP {(int)context.Response.StatusCode}.", body, CommandResultFormat.Json);
                }

                // A broken chain is a failed (red) result whose message is the verdict; the report opens either way.
                var report = new CommandResultData { Value = body, Format = CommandResultFormat.Json, DisplayImmediately = true };
                return IsHealthy(body)
                    ? CommandResults.Success(Verdict(body), report)
                    : CommandResults.Failure(Verdict(body), report);
            },
        });

    internal static bool IsHealthy(string reportJson)
    {
        try
        {
            using var report = JsonDocument.Parse(reportJson);
            return report.RootElement.TryGetProperty("healthy", out var healthy) && healthy.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>One line for the dashboard's notification: healthy, or the first failing hop with its cause and fix.</summary>
    internal static string Verdict(string reportJson)
    {
        try
        {
            using var report = JsonDocument.Parse(reportJson);
            var root = report.RootElement;
            if (root.TryGetProperty("healthy", out var healthy) && healthy.ValueKind == JsonValueKind.True)
            {
                return "Every hop is fine.";
            }

            var hop = Text(root, "firstFailingHop") ?? "?";
            return $"First failing hop: {hop}. {Text(root, "cause")} Fix: {Text(root, "fix")}".Trim();
        }
        catch (JsonException)
        {
            return "The diagnosis answered something that is not a report.";
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ArgumentOrDefault(InteractionInputCollection? arguments, string name, string fallback) =>
        arguments is not null && arguments.TryGetByName(name, out var input) && !string.IsNullOrWhiteSpace(input?.Value) ? input.Value : fallback;
}
