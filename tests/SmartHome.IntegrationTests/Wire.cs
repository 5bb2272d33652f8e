using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.IntegrationTests;

public sealed record UtteranceRequest(string User, string Text);

public static class Wire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<UtteranceAnswer> SayAsync(this SmartHomeAppFixture fixture, string text, string user = "owner")
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        using var response = await client.PostAsJsonAsync("/api/utterances", new UtteranceRequest(user, text), Json)
            .WaitAsync(RequestTimeout);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/utterances '{text}' answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<UtteranceAnswer>(body, Json)
            ?? throw new InvalidOperationException($"Empty answer to '{text}'");
    }

    /// <summary>A device's state at the plug process: the story's unless <paramref name="home"/> and <paramref name="device"/> say.</summary>
    public static async Task<PlugState> GetPlugStateAsync(this SmartHomeAppFixture fixture, string? home = null, string? device = null)
    {
        using var client = fixture.CreateHttpClient("simulatedplug");
        var path = home is null ? "/api/state" : $"/api/state?home={home}&device={device ?? "plug-1"}";
        var state = await client.GetFromJsonAsync<PlugState>(path, Json).WaitAsync(RequestTimeout);
        return state ?? throw new InvalidOperationException("The plug returned no state");
    }
}
