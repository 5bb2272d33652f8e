using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>Switches faults on the resource that owns them (its /sim endpoints) and waits for their effects.</summary>
public static class Faults
{
    public static readonly TimeSpan DetectionTimeout = TimeSpan.FromSeconds(45);

    public static async Task SwitchAsync(this SmartHomeAppFixture fixture, string resource, string path, object? body = null)
    {
        using var client = fixture.CreateHttpClient(resource);
        using var response = await (body is null ? client.PostAsync(path, null) : client.PostAsJsonAsync(path, body))
            .WaitAsync(Wire.RequestTimeout);
        Assert.True(response.IsSuccessStatusCode, $"{resource} POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Runs a resource's dashboard command, as a person clicking it (and filling in its arguments) would.</summary>
    public static async Task RunDashboardCommandAsync(this SmartHomeAppFixture fixture, string resource, string command,
        params (string Name, string Value)[] arguments)
    {
        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Aspire.Hosting.ApplicationModel.ResourceCommandService>(fixture.App.Services);
        // No arguments: the command's own defaults, as when the dialog is confirmed as it opens.
        var result = await (arguments.Length == 0
            ? commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync(resource), command)
            : commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync(resource), command, new Aspire.Hosting.InteractionInputCollection(
                [.. arguments.Select(a => new Aspire.Hosting.InteractionInput { Name = a.Name, InputType = Aspire.Hosting.InputType.Text, Value = a.Value })])))
            .WaitAsync(Wire.RequestTimeout);
        Assert.True(result.Success, $"{resource} {command}: {result.Message}");
    }

    /// <summary>Whether the gateway currently sees the device online (its retained availability).</summary>
    public static async Task<bool> IsDeviceOnlineAtGatewayAsync(this SmartHomeAppFixture fixture, string deviceId = "plug-1", string? home = null)
    {
        using var gateway = fixture.CreateHttpClient("devicegateway");
        var status = await gateway.GetFromJsonAsync<JsonElement>(home is null ? "/api/status" : $"/api/status?home={home}").WaitAsync(Wire.RequestTimeout);
        return status.GetProperty("devices").EnumerateArray()
            .Any(d => d.GetProperty("deviceId").GetString() == deviceId && d.GetProperty("online").GetBoolean());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        EventuallyAsync(condition, what, describe: null, timeout);

    /// <summary>
    /// Polls until <paramref name="condition"/> holds; after the timeout fails with <paramref name="what"/> and what
    /// <paramref name="describe"/> finds then (the state that did not come right, read at the moment of failing).
    /// </summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? describe, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DetectionTimeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(250, cts.Token);
            }
            catch (OperationCanceledException)
            {
                var found = "";
                if (describe is not null)
                {
                    try
                    {
                        found = "; found: " + await describe().WaitAsync(Wire.RequestTimeout);
                    }
                    catch (Exception ex)
                    {
                        found = $"; reading the state failed: {ex.GetBaseException().Message}";
                    }
                }

                Assert.Fail($"Timed out waiting until {what}{found}");
            }
        }
    }

    /// <summary>Says <paramref name="text"/> until the outcome is <paramref name="outcome"/> (recovery takes a reconnect).</summary>
    public static async Task<UtteranceAnswer> SayUntilAsync(this SmartHomeAppFixture fixture, string text, string outcome, string user = "owner")
    {
        UtteranceAnswer? last = null;
        await EventuallyAsync(async () => (last = await fixture.SayAsync(text, user)).Outcome == outcome,
            $"{user}'s '{text}' answers {outcome} (last: {last?.Outcome} {last?.ErrorType})");
        return last!;
    }
}
