using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.IntegrationTests;

public sealed record SkillLink(string SkillId, string? DisplayName, string State, string? Reason);

public sealed record Notification(string Id, DateTimeOffset CreatedAt, string Kind, string? SkillId, string Text,
    NotificationAction? Action, bool Resolved, DateTimeOffset? ResolvedAt);

public sealed record NotificationAction(string Name, string Method, string Href);

public sealed record ServiceClock(string Service, DateTimeOffset Now, TimeSpan Offset, double OffsetDays, long Version);

public sealed record VendorGrant(string GrantId, string ClientId, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? LastSignInAt, int RefreshCount, string? RevokedReason);

public sealed record OAuthStats(Dictionary<string, long> TokenRequests, long RefreshFailures, long ReuseRevocations)
{
    public long Refreshes => TokenRequests.GetValueOrDefault("refresh_token");
}

/// <summary>What a test does to the world: time, links, the vendor's switches.</summary>
public static class World
{
    public const string Skill = "smarthome-vendor";

    public static readonly string[] Services = ["vendorcloud", "assistantcloud", "devicegateway", "simulatedplug"];

    /// <summary>Moves the world's clock forward (<c>POST /sim/world/clock/advance</c> on one service: every service follows).</summary>
    public static async Task AdvanceClockAsync(this SmartHomeAppFixture fixture, TimeSpan by)
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        using var response = await client.PostAsJsonAsync("/sim/world/clock/advance", new { seconds = by.TotalSeconds })
            .WaitAsync(Wire.RequestTimeout);
        Assert.True(response.IsSuccessStatusCode,
            $"/sim/world/clock/advance: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The AppHost's dashboard command "Advance clock 1 day", as a person would click it.</summary>
    public static Task AdvanceOneDayByDashboardCommandAsync(this SmartHomeAppFixture fixture, string resource = "assistantcloud")
        => fixture.ExecuteDashboardCommandAsync(resource, "advance-clock-day");

    /// <summary>The AppHost's dashboard command "Advance clock 1 year" (365 days).</summary>
    public static Task AdvanceOneYearByDashboardCommandAsync(this SmartHomeAppFixture fixture, string resource = "assistantcloud")
        => fixture.ExecuteDashboardCommandAsync(resource, "advance-clock-year");

    /// <summary>The AppHost's dashboard command "Reset the world": back to the freshly seeded world.</summary>
    public static Task ResetWorldByDashboardCommandAsync(this SmartHomeAppFixture fixture, string resource = "assistantcloud")
        => fixture.ExecuteDashboardCommandAsync(resource, "reset-world", TimeSpan.FromMinutes(2));

    public static async Task<string?> ExecuteDashboardCommandAsync(this SmartHomeAppFixture fixture, string resource, string command,
        TimeSpan? timeout = null)
    {
        var commands = fixture.App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(await fixture.World.CommandTargetAsync(resource), command).WaitAsync(timeout ?? Wire.RequestTimeout);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
        return result.Message;
    }

    /// <summary>A service's clock as it applied the world's (<c>GET /sim/clock</c>).</summary>
    public static async Task<ServiceClock> GetClockAsync(this SmartHomeAppFixture fixture, string service)
    {
        using var client = fixture.CreateHttpClient(service);
        return (await client.GetFromJsonAsync<ServiceClock>("/sim/clock", Wire.Json).WaitAsync(Wire.RequestTimeout))!;
    }

    public static async Task<SkillLink> GetLinkAsync(this SmartHomeAppFixture fixture, string user = "owner")
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        var skills = await client.GetFromJsonAsync<SkillLink[]>($"/api/users/{user}/skills", Wire.Json).WaitAsync(Wire.RequestTimeout);
        return Assert.Single(skills!, s => s.SkillId == Skill);
    }

    public static async Task<Notification[]> GetNotificationsAsync(this SmartHomeAppFixture fixture, string user = "owner")
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        return (await client.GetFromJsonAsync<Notification[]>($"/api/users/{user}/notifications", Wire.Json).WaitAsync(Wire.RequestTimeout))!;
    }

    public static async Task<JsonElement[]> GetEndpointsAsync(this SmartHomeAppFixture fixture, string user = "owner")
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        return (await client.GetFromJsonAsync<JsonElement[]>($"/api/users/{user}/endpoints", Wire.Json).WaitAsync(Wire.RequestTimeout))!;
    }

    /// <summary>
    /// Each test that needs the owner's link starts with it, so that one test that ends the link and
    /// fails before re-linking does not fail the ones after it.
    /// </summary>
    public static async Task EnsureLinkedAsync(this SmartHomeAppFixture fixture)
    {
        if ((await fixture.GetLinkAsync()).State != "Linked")
        {
            await fixture.RelinkAsync();
        }
    }

    /// <summary>
    /// Re-links the owner as a person does: Link again, the vendor's sign-in page, back to the assistant.
    /// Returns the callback the browser was sent to (its code and state are remembered as secrets).
    /// </summary>
    public static async Task<Uri> RelinkAsync(this SmartHomeAppFixture fixture, string password = SmartHomeAppFixture.OwnerPassword) =>
        await fixture.CompleteLinkAsync(await fixture.StartLinkAsync(), password);

    /// <summary>The person chooses "Link again": the vendor's authorize URL the assistant sends the browser to.</summary>
    public static async Task<Uri> StartLinkAsync(this SmartHomeAppFixture fixture)
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        using var start = await assistant.PostAsync($"/api/users/owner/skills/{Skill}/link", null).WaitAsync(Wire.RequestTimeout);
        Assert.True(start.IsSuccessStatusCode, $"link start: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        return new Uri((await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!);
    }

    /// <summary>The person signs in on the vendor's page at <paramref name="authorizeUrl"/> and the browser goes back to the assistant.</summary>
    public static async Task<Uri> CompleteLinkAsync(this SmartHomeAppFixture fixture, Uri authorizeUrl,
        string password = SmartHomeAppFixture.OwnerPassword)
    {
        using var cts = new CancellationTokenSource(Wire.RequestTimeout * 2);
        var callback = await PersonsBrowser.SignInAsync(authorizeUrl, SmartHomeAppFixture.OwnerEmail, password, cts.Token);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        TestSecrets.Remember(query["code"]);
        TestSecrets.Remember(query["state"]);
        using var browser = new HttpClient();
        using var finish = await browser.GetAsync(callback, cts.Token);
        Assert.True(finish.IsSuccessStatusCode, $"link callback: {(int)finish.StatusCode} {await finish.Content.ReadAsStringAsync(cts.Token)}");
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        return callback;
    }

    public static async Task<VendorGrant[]> GetGrantsAsync(this SmartHomeAppFixture fixture, string email = SmartHomeAppFixture.OwnerEmail)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        return (await vendor.GetFromJsonAsync<VendorGrant[]>($"/sim/oauth/grants?email={Uri.EscapeDataString(email)}", Wire.Json)
            .WaitAsync(Wire.RequestTimeout))!;
    }

    public static async Task<OAuthStats> GetOAuthStatsAsync(this SmartHomeAppFixture fixture)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        return (await vendor.GetFromJsonAsync<OAuthStats>("/sim/oauth/stats", Wire.Json).WaitAsync(Wire.RequestTimeout))!;
    }

    public static async Task<JsonElement> PostVendorAsync(this SmartHomeAppFixture fixture, string path, object? body = null)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var response = await (body is null ? vendor.PostAsync(path, null) : vendor.PostAsJsonAsync(path, body, Wire.Json))
            .WaitAsync(Wire.RequestTimeout);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
