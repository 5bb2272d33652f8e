using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The skill conformance check against this project's own vendor cloud, through the real AppHost: every item passes,
/// by the endpoint and by the dashboard command, and the owner's lamp and link are as they were.
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class SkillConformanceTests(SmartHomeAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TheVendorCloudPassesEveryItemOfTheCheckWithItsTestAccount()
    {
        await fixture.EnsureLinkedAsync();
        using var assistant = fixture.CreateHttpClient("assistantcloud");

        using var response = await assistant.PostAsync("/api/skill/conformance", null).WaitAsync(CheckTimeout);
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine(body);

        response.EnsureSuccessStatusCode();
        using var report = JsonDocument.Parse(body);
        if (Environment.GetEnvironmentVariable("SMARTHOME_CONFORMANCE_REPORT") is { Length: > 0 } reportPath)
        {
            await File.WriteAllTextAsync(reportPath, Readable(report.RootElement));
        }

        var items = report.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetString()!, Passed: i.GetProperty("passed").GetBoolean(), Evidence: i.GetProperty("evidence").GetString()!))
            .ToList();
        Assert.All(items, item => Assert.True(item.Passed, $"{item.Id}: {item.Evidence}"));
        Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        string[] expected =
        [
            "account-linking-pkce", "pkce-enforced", "token-refresh", "token-endpoint-latency", "discovery",
            "directives:Alexa.PowerController", "directives:Alexa.BrightnessController", "report-state",
            "error-no-such-endpoint", "error-value-out-of-range", "accept-grant", "error-expired-token",
        ];
        Assert.Equal(expected.Order(), items.Select(i => i.Id).Order());
        Assert.Equal("conformance@example.com", report.RootElement.GetProperty("testAccount").GetString());
        Assert.DoesNotContain(SmartHomeAppFixture.SkillTestPassword, body);
    }

    /// <summary>The report as Markdown: a table of the items, then the JSON (SMARTHOME_CONFORMANCE_REPORT=path writes it).</summary>
    private static string Readable(JsonElement report)
    {
        var lines = new List<string>
        {
            "# Skill conformance report",
            "",
            $"Skill endpoint `{report.GetProperty("skillEndpoint").GetString()}`, issuer `{report.GetProperty("issuer").GetString()}`, "
            + $"test account `{report.GetProperty("testAccount").GetString()}`, checked at {report.GetProperty("checkedAt").GetString()} "
            + $"in {report.GetProperty("durationMilliseconds").GetInt64()} ms: **{report.GetProperty("summary").GetString()}**",
            "",
            "| item | check | result | evidence |",
            "|---|---|---|---|",
        };
        lines.AddRange(report.GetProperty("items").EnumerateArray().Select(item =>
            $"| `{item.GetProperty("id").GetString()}` | {item.GetProperty("title").GetString()} | {(item.GetProperty("passed").GetBoolean() ? "pass" : "FAIL")} | "
            + $"{item.GetProperty("evidence").GetString()!.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        var indented = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        lines.AddRange(["", "```json", indented, "```", ""]);
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task TheDashboardCommandShowsTheSummaryAndTheOwnersLampAndLinkAreUntouched()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("set the bedroom lamp to 35 percent", "Success");
        using var plug = fixture.CreateHttpClient("simulatedplug");
        var before = await plug.GetFromJsonAsync<JsonElement>("/api/state").WaitAsync(Wire.RequestTimeout);

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync("assistantcloud"), "skill-conformance").WaitAsync(CheckTimeout);

        Assert.True(result.Success, result.Message);
        Assert.Matches(@"^(\d+) of \1 checks passed\.$", result.Message);
        Assert.NotNull(result.Data);
        using (var report = JsonDocument.Parse(result.Data.Value))
        {
            Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        }

        // The check used its own account and virtual devices: the owner's lamp is as it was, and the owner's link works.
        var after = await plug.GetFromJsonAsync<JsonElement>("/api/state").WaitAsync(Wire.RequestTimeout);
        Assert.Equal(before.GetProperty("power").GetString(), after.GetProperty("power").GetString());
        Assert.Equal(before.GetProperty("brightness").GetInt32(), after.GetProperty("brightness").GetInt32());
        Assert.Equal(35, after.GetProperty("brightness").GetInt32());
        await fixture.SayUntilAsync("is the bedroom lamp on", "Success");
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
    }
}
