using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using SmartHome.VendorCloud.Faults;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// <c>GET /api/support/devices/{deviceId}</c> through the real endpoints and fault middleware on Kestrel: client
/// authentication, who may see which device, the grant, the home's uplink (a real WebSocket) and the device.
/// </summary>
public sealed class SupportApiHttpTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private VendorHttpHost _host = null!;

    private TestWorld World => _host.World;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    private Task<HttpResponseMessage> SupportAsync(string deviceId = TestWorld.DeviceId, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/support/devices/{Uri.EscapeDataString(deviceId)}");
        request.Headers.Authorization = authorization ?? Basic(TestWorld.ClientId, TestWorld.ClientSecret);
        return _host.Http.SendAsync(request);
    }

    private async Task<JsonNode> ViewAsync(string deviceId = TestWorld.DeviceId)
    {
        var response = await SupportAsync(deviceId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static DateTimeOffset? Time(JsonNode? node) => node is null ? null : DateTimeOffset.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ClientWebSocket> DialUplinkAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Home-Id", TestWorld.HomeId);
        socket.Options.SetRequestHeader("Authorization", "Bearer gateway-secret");
        using var timeout = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(new Uri($"ws://{_host.Http.BaseAddress!.Authority}/uplink/v1"), timeout.Token);
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket gateway, string json) =>
        await gateway.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Bound);

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task A_device_id_in_two_granted_homes_needs_the_home_and_then_answers_for_that_home_only()
    {
        // Both accounts granted the assistant, and both homes have a plug-1, as every home of a fleet does.
        World.Directory.Devices[Fakes.InMemoryVendorDirectory.Key("home-9", TestWorld.DeviceId)] = new Accounts.Device(
            TestWorld.DeviceId, "home-9", TestWorld.OtherAccountId, "hall lamp", "SmartHome Devices", "DW3HL-SIM", null, null);
        await World.LinkAsync();
        await World.LinkAsync(TestWorld.OtherAccountId);

        var withoutHome = await SupportAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/support/devices/{TestWorld.DeviceId}?home=home-9");
        request.Headers.Authorization = Basic(TestWorld.ClientId, TestWorld.ClientSecret);
        var withHome = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, withoutHome.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHome.StatusCode);
        var view = JsonNode.Parse(await withHome.Content.ReadAsStringAsync())!;
        Assert.Equal(("home-9", "hall lamp"), ((string?)view["homeId"], (string?)view["name"]));
    }

    [Fact]
    public async Task Without_credentials_it_is_401_invalid_client_with_a_Basic_challenge()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/support/devices/{TestWorld.DeviceId}");
        var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("""{"error":"invalid_client"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TestWorld.ClientId, "wrong-secret")]
    [InlineData("someone-else", TestWorld.ClientSecret)]
    [InlineData(TestWorld.ClientId, "")]
    public async Task Wrong_client_credentials_are_401_invalid_client(string clientId, string secret)
    {
        await World.LinkAsync();

        var response = await SupportAsync(authorization: Basic(clientId, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("""{"error":"invalid_client"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Bearer", "some-access-token")]
    [InlineData("Basic", "not base64 at all")]
    [InlineData("Basic", "bm8tY29sb24=")] // "no-colon"
    public async Task An_unreadable_Authorization_header_is_401_invalid_client(string scheme, string parameter)
    {
        await World.LinkAsync();

        var response = await SupportAsync(authorization: new AuthenticationHeaderValue(scheme, parameter));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task An_unknown_device_and_a_device_whose_account_never_granted_the_client_are_the_same_404()
    {
        // The owner has not linked yet: their own device is not visible either.
        var unlinked = await SupportAsync();
        await World.LinkAsync();
        var unknown = await SupportAsync("plug-does-not-exist");
        var otherAccount = await SupportAsync(TestWorld.OtherDeviceId);

        foreach (var response in new[] { unlinked, unknown, otherAccount })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("""{"error":"unknown_device"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_linked_device_never_seen_by_this_process_has_an_active_grant_and_unknown_uplink_and_device()
    {
        var linkedAt = World.Time.GetUtcNow();
        var tokens = await World.LinkAsync();
        World.Time.Advance(TimeSpan.FromMinutes(5));

        var response = await SupportAsync();
        var body = await response.Content.ReadAsStringAsync();
        var view = JsonNode.Parse(body)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestWorld.DeviceId, (string?)view["deviceId"]);
        Assert.Equal(TestWorld.HomeId, (string?)view["homeId"]);
        Assert.Equal("bedroom lamp", (string?)view["name"]);
        Assert.Equal("active", (string?)view["grant"]!["state"]);
        Assert.False(view["grant"]!.AsObject().ContainsKey("reason"));
        Assert.Equal(linkedAt, Time(view["grant"]!["createdAt"]));
        Assert.Equal(linkedAt, Time(view["grant"]!["lastUsedAt"]));
        Assert.Equal("""{"connected":false,"since":null,"lastFrameAt":null}""", view["uplink"]!.ToJsonString());
        Assert.Equal("""{"online":null,"state":null,"reportedAt":null}""", view["device"]!.ToJsonString());
        Assert.Equal("""{"state":"none","reason":null,"since":null,"lastReportAt":null,"lastReportStatus":null,"lastReportError":null,"reportsDropped":0}""",
            view["assistantGrant"]!.ToJsonString());
        // Never a token or a secret.
        Assert.DoesNotContain(tokens.AccessToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.RefreshToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestWorld.ClientSecret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_assistant_grant_says_when_and_why_the_makers_permission_to_report_was_lost_and_never_shows_a_token()
    {
        await World.LinkAsync();
        var grantedAt = World.Time.GetUtcNow();
        World.AssistantGrants.Grant(TestWorld.OwnerAccountId,
            new SmartHome.VendorCloud.AssistantEvents.AssistantTokens("Atza|secret-access", "Atzr|secret-refresh", grantedAt.AddHours(1)), grantedAt);
        await World.AssistantGrants.RecordReportAsync(TestWorld.OwnerAccountId, grantedAt, "refused", "SKILL_DISABLED_EXCEPTION", CancellationToken.None);
        await World.AssistantGrants.DropTokensAsync(TestWorld.OwnerAccountId, "skill_disabled", grantedAt.AddMinutes(1), CancellationToken.None);
        await World.AssistantGrants.AddDroppedAsync(TestWorld.OwnerAccountId, 3, CancellationToken.None);

        var body = await (await SupportAsync()).Content.ReadAsStringAsync();
        var grant = JsonNode.Parse(body)!["assistantGrant"]!;

        Assert.Equal(("lost", "skill_disabled", "refused", "SKILL_DISABLED_EXCEPTION", 3),
            ((string?)grant["state"], (string?)grant["reason"], (string?)grant["lastReportStatus"], (string?)grant["lastReportError"], (int)grant["reportsDropped"]!));
        Assert.Equal(grantedAt.AddMinutes(1), Time(grant["since"]));
        Assert.Equal(grantedAt, Time(grant["lastReportAt"]));
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_grant_shows_revoked_with_its_reason_and_a_newer_link_shows_active()
    {
        await World.LinkAsync();
        World.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await World.Accounts.ChangePasswordAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, "new password 1", CancellationToken.None));

        var revoked = await ViewAsync();
        Assert.Equal("revoked", (string?)revoked["grant"]!["state"]);
        Assert.Equal("password_changed", (string?)revoked["grant"]!["reason"]);

        World.Time.Advance(TimeSpan.FromMinutes(1));
        await World.LinkAsync();
        var relinked = await ViewAsync();
        Assert.Equal("active", (string?)relinked["grant"]!["state"]);
        Assert.Equal(World.Time.GetUtcNow(), Time(relinked["grant"]!["createdAt"]));
    }

    [Fact]
    public async Task A_grant_past_the_link_policy_is_expired_as_in_the_grants_view()
    {
        await World.LinkAsync();
        World.Time.Advance(TimeSpan.FromDays(World.Options.LinkMaxAgeDays + 1));

        var view = await ViewAsync();

        Assert.Equal("expired", (string?)view["grant"]!["state"]);
        var grants = await World.Grants.ListGrantsAsync(TestWorld.OwnerEmail, CancellationToken.None);
        Assert.Equal("expired", Assert.Single(grants!).State);
        // Looking does not end the link: the grant is only evaluated.
        Assert.False(Assert.Single(World.Store.Grants).IsRevoked);
    }

    [Fact]
    public async Task The_uplink_and_device_follow_the_home_connecting_reporting_and_dropping()
    {
        await World.LinkAsync();

        World.Time.Advance(TimeSpan.FromMinutes(1));
        var connectedAt = World.Time.GetUtcNow();
        using var gateway = await DialUplinkAsync();
        await UntilAsync(() => World.Registry.ConnectedHomes == 1);

        World.Time.Advance(TimeSpan.FromSeconds(2));
        var helloAt = World.Time.GetUtcNow();
        await SendAsync(gateway, """{"type":"hello","homeId":"home-1","devices":[{"deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40}}]}""");
        await UntilAsync(() => World.Registry.GetAvailability(TestWorld.HomeId, TestWorld.DeviceId) == true);

        var online = await ViewAsync();
        Assert.True((bool)online["uplink"]!["connected"]!);
        Assert.Equal(connectedAt, Time(online["uplink"]!["since"]));
        Assert.Equal(helloAt, Time(online["uplink"]!["lastFrameAt"]));
        Assert.True((bool)online["device"]!["online"]!);
        Assert.Equal("""{"state":"ON","brightness":40}""", online["device"]!["state"]!.ToJsonString());
        Assert.Equal(helloAt, Time(online["device"]!["reportedAt"]));

        // The plug drops off the Wi-Fi: the gateway reports it offline; the shadow keeps its last state.
        World.Time.Advance(TimeSpan.FromSeconds(3));
        var offlineAt = World.Time.GetUtcNow();
        await SendAsync(gateway, """{"type":"device","deviceId":"plug-1","online":false}""");
        await UntilAsync(() => World.Registry.GetAvailability(TestWorld.HomeId, TestWorld.DeviceId) == false);

        var offline = await ViewAsync();
        Assert.True((bool)offline["uplink"]!["connected"]!);
        Assert.Equal(offlineAt, Time(offline["uplink"]!["lastFrameAt"]));
        Assert.False((bool)offline["device"]!["online"]!);
        Assert.Equal("""{"state":"ON","brightness":40}""", offline["device"]!["state"]!.ToJsonString());
        Assert.Equal(offlineAt, Time(offline["device"]!["reportedAt"]));

        // Broadband down: the uplink drops; availability is unknown again, the last frame is remembered.
        World.Time.Advance(TimeSpan.FromSeconds(4));
        var droppedAt = World.Time.GetUtcNow();
        gateway.Abort();
        await UntilAsync(() => World.Registry.ConnectedHomes == 0);
        await UntilAsync(() => World.Registry.GetStatus(TestWorld.HomeId).Since == droppedAt);

        var dropped = await ViewAsync();
        Assert.False((bool)dropped["uplink"]!["connected"]!);
        Assert.Equal(droppedAt, Time(dropped["uplink"]!["since"]));
        Assert.Equal(offlineAt, Time(dropped["uplink"]!["lastFrameAt"]));
        Assert.Null(dropped["device"]!["online"]);
        Assert.Equal("ON", (string?)dropped["device"]!["state"]!["state"]);
    }

    [Fact]
    public async Task During_an_outage_it_is_503_with_Retry_After_and_with_latency_it_waits_for_the_clock()
    {
        await World.LinkAsync();
        await _host.Http.PostAsync("/sim/outage/on", content: null);

        var refused = await SupportAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(CloudFaultsMiddleware.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);

        await _host.Http.PostAsync("/sim/outage/off", content: null);
        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 1000 });
        var delayed = SupportAsync();
        await Task.Delay(300);
        Assert.False(delayed.IsCompleted);

        using var bound = new CancellationTokenSource(Bound);
        while (!delayed.IsCompleted && !bound.IsCancellationRequested)
        {
            World.Time.Advance(TimeSpan.FromMilliseconds(1000));
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, (await delayed.WaitAsync(Bound)).StatusCode);
    }
}
