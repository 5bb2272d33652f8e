using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// <c>POST /sim/token-uses</c>: the outcome per user in the order asked, clear 400s for bad bodies (never a 500), and the
/// simulation guard's 403 outside Development.
/// </summary>
public sealed class TokenUseApiTests
{
    private static async Task<AssistantTestHost> StartAsync(string environment = "Development")
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAssistantStore();
        // A token good for an hour: no refresh is due, so the fake token endpoint is never asked.
        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "access-1", "refresh-1",
            time.GetUtcNow().AddHours(1), "owner@example.com", time.GetUtcNow()), CancellationToken.None);
        await store.SaveLinkAsync(new AccountLink("user-2", Skills.VendorSkillId, LinkState.Expired, null, null, null, "user-2@example.com",
            time.GetUtcNow()), CancellationToken.None);
        return await AssistantTestHost.StartAsync(new() { Store = store, Time = time, EnvironmentName = environment });
    }

    [Fact]
    public async Task Each_user_gets_the_outcome_a_command_would_have_in_the_order_asked()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.PostAsJsonAsync("/sim/token-uses", new { users = new[] { "user-2", "owner", "stranger" }, parallelism = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
        Assert.Equal([("user-2", "LinkExpired"), ("owner", "Success"), ("stranger", "NotLinked")],
            results.Select(r => ((string)r!["user"]!, (string)r["outcome"]!)));
    }

    [Theory]
    [InlineData("""{"users":[]}""", "users")]
    [InlineData("""{"users":["owner",""]}""", "users")]
    [InlineData("""{"users":["owner"],"parallelism":0}""", "parallelism")]
    [InlineData("""{"users":["owner"],"parallelism":65}""", "parallelism")]
    [InlineData("""{}""", "users")]
    public async Task An_incomplete_body_is_a_400_naming_the_field(string body, string field)
    {
        await using var host = await StartAsync();

        using var response = await host.Http.PostAsync("/sim/token-uses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }

    [Fact]
    public async Task More_users_than_a_batch_takes_and_bad_json_are_400s()
    {
        await using var host = await StartAsync();

        using var tooMany = await host.Http.PostAsJsonAsync("/sim/token-uses", new { users = Enumerable.Range(1, 2001).Select(n => $"u{n}").ToArray() });
        using var malformed = await host.Http.PostAsync("/sim/token-uses", new StringContent("""{"users":[""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_simulation_guard_refuses_it()
    {
        await using var host = await StartAsync("Production");

        using var response = await host.Http.PostAsJsonAsync("/sim/token-uses", new { users = new[] { "owner" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
