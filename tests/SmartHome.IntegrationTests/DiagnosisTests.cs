using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.IntegrationTests;

/// <summary>
/// "Why doesn't my light work?" on a working chain: every hop seen working, by the API and by the
/// dashboard command. The broken cases are in <see cref="ChaosTests"/>, one per fault.
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class DiagnosisTests(SmartHomeAppFixture fixture)
{
    [Fact]
    public async Task AWorkingChainIsHealthyAtEveryHopAndTheLampShowsWhatThePlugOutputs()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("set the bedroom lamp to 45 percent", "Success");

        var report = await fixture.DiagnoseUntilFirstFailingAsync(null);

        Assert.Equal("plug-1", report.EndpointId);
        Assert.All(report.Hops, hop => Assert.Equal("ok", hop.Status));
        Assert.All(report.Hops, hop => Assert.Null(hop.Cause));
        Assert.Null(report.Cause);
        Assert.Contains("45", report["lamp"].Detail);
    }

    [Fact]
    public async Task TheDashboardCommandShowsTheReportAndItsVerdict()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.DiagnoseUntilFirstFailingAsync(null);

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync("assistantcloud"), "diagnose").WaitAsync(Wire.RequestTimeout);

        Assert.True(result.Success, result.Message);
        Assert.Equal("Every hop is fine.", result.Message);
        Assert.NotNull(result.Data);
        using var report = JsonDocument.Parse(result.Data.Value);
        Assert.Equal("bedroom lamp", report.RootElement.GetProperty("device").GetString());
        Assert.Equal(8, report.RootElement.GetProperty("hops").GetArrayLength());
    }

    [Fact]
    public async Task TheDashboardCommandDiagnosesTheDeviceItIsGiven()
    {
        await fixture.EnsureLinkedAsync();
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var arguments = new InteractionInputCollection(
        [
            new InteractionInput { Name = "user", InputType = InputType.Text, Value = "owner" },
            new InteractionInput { Name = "device", InputType = InputType.Text, Value = "garage door" },
        ]);

        var result = await commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync("assistantcloud"), "diagnose", arguments).WaitAsync(Wire.RequestTimeout);

        // A broken chain is a failed (red) result whose message is the verdict; the report still opens.
        Assert.False(result.Success);
        Assert.StartsWith("First failing hop: link.", result.Message);
        Assert.NotNull(result.Data);
        using var report = JsonDocument.Parse(result.Data.Value);
        Assert.Equal("garage door", report.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public async Task AnUnknownPersonOrAMissingDeviceIsAClearErrorNotADiagnosis()
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");

        using var unknown = await assistant.GetAsync("/api/diagnose?user=nobody&device=bedroom%20lamp").WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var missing = await assistant.GetAsync("/api/diagnose?user=owner").WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ADeviceTheAssistantDoesNotKnowIsNamedAtTheLinkHop()
    {
        await fixture.EnsureLinkedAsync();

        var report = await fixture.DiagnoseAsync(device: "garage door");

        Assert.Equal("link", report.FirstFailingHop);
        Assert.Null(report.EndpointId);
        Assert.Contains("discover", report.Fix, StringComparison.OrdinalIgnoreCase);
    }
}
