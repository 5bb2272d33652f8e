using System.Diagnostics;

namespace SmartHome.IntegrationTests;

/// <summary>
/// scripts/measure-button-press.sh against a running app (it starts nothing): it presses the button, prints the time to
/// the assistant's state and the press's trace from the dashboard. Kept true by running it here.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class MeasureButtonPressScriptTests(ReturnPathAppFixture fixture)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TheScriptPrintsThePressToStateTimeAndTheTraceFromPlugToEventGateway()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));

        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "measure-button-press.sh"), "2"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASSISTANT_URL"] = fixture.App.GetEndpoint("assistantcloud", "http").ToString().TrimEnd('/'),
                ["PLUG_URL"] = fixture.App.GetEndpoint("simulatedplug", "http").ToString().TrimEnd('/'),
                ["DASHBOARD_URL"] = fixture.DashboardUrl.ToString().TrimEnd('/'),
                ["DASHBOARD_API_KEY"] = SmartHomeAppFixture.DashboardApiKey,
            },
        };
        using var script = Process.Start(start)!;
        using var cts = new CancellationTokenSource(ScriptTimeout);
        var output = script.StandardOutput.ReadToEndAsync(cts.Token);
        var errors = script.StandardError.ReadToEndAsync(cts.Token);
        await script.WaitForExitAsync(cts.Token);

        var printed = await output;
        Assert.True(script.ExitCode == 0, $"exit {script.ExitCode}:\n{printed}\n{await errors}");
        Assert.Contains("press 2: button to the assistant's state:", printed);
        foreach (var hop in new[] { "simulatedplug", "devicegateway", "vendorcloud", "assistantcloud" })
        {
            Assert.Contains($" {hop} ", printed);
        }

        Assert.Contains("event gateway accept Alexa.ChangeReport", printed);
        Console.WriteLine(printed);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartHome.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmartHome.sln not found above the test's folder");
    }
}
