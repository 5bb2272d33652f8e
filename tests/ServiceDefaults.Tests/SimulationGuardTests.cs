using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>
/// The /sim endpoints (every service's, present and future) answer only in Development, or where the switch
/// <c>Simulation:Enabled</c> turns them on; elsewhere 403 ProblemDetails, and the rest of the app is untouched.
/// </summary>
public sealed class SimulationGuardTests
{
    private static async Task<(HttpStatusCode Sim, string SimBody, HttpStatusCode Api)> CallAsync(string environment, string? enabled)
    {
        var builder = LoopbackHost.CreateBuilder(environment);
        if (enabled is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Simulation:Enabled"] = enabled });
        }

        builder.Services.AddProblemDetails();
        await using var app = builder.Build();
        app.UseServiceDefaults();
        app.MapPost("/sim/world/anything", () => TypedResults.Ok("switched"));
        app.MapGet("/api/thing", () => TypedResults.Ok("thing"));
        using var http = new HttpClient { BaseAddress = await LoopbackHost.StartAsync(app) };

        var sim = await http.PostAsync("/sim/world/anything", null);
        var api = await http.GetAsync("/api/thing");
        return (sim.StatusCode, await sim.Content.ReadAsStringAsync(), api.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_sim_endpoints_refuse_with_403_ProblemDetails()
    {
        var (sim, body, api) = await CallAsync("Production", null);

        Assert.Equal(HttpStatusCode.Forbidden, sim);
        Assert.Contains("Simulation:Enabled", (string?)JsonNode.Parse(body)!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "true")]
    public async Task In_Development_or_with_the_switch_on_sim_endpoints_answer(string environment, string? enabled)
    {
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(environment, enabled)).Sim);
    }

    [Fact]
    public async Task The_switch_can_turn_them_off_in_Development_too()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync("Development", "false")).Sim);
    }
}
