using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>
/// Brute force on the sign-in form, the password change and the token endpoint is throttled (429 with Retry-After),
/// per account and per client address, without locking the real owner out: another address is not affected,
/// and the attacker's own address may try again after a short window.
/// </summary>
public sealed class SignInThrottlingTests : IAsyncLifetime
{
    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A client whose connections come from another loopback address (Linux routes all of 127/8 to lo).</summary>
    private static HttpClient From(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = baseAddress };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsync("/oauth/authorize", VendorHttpHost.Form(
            ("response_type", "code"), ("client_id", TestWorld.ClientId), ("redirect_uri", TestWorld.RedirectUri), ("state", "xyz"),
            ("code_challenge", TestWorld.Challenge), ("code_challenge_method", "S256"), ("email", email), ("password", password)));

    private static void AssertThrottled(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Fifty_wrong_passwords_in_a_row_are_throttled_and_then_even_the_right_one_waits()
    {
        using var attacker = From("127.0.0.1", _host.Http.BaseAddress!);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            last = await SignInAsync(attacker, TestWorld.OwnerEmail, $"guess {attempt}");
            statuses.Add(last.StatusCode);
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 5, string.Join(",", statuses.Select(s => (int)s)));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 45, string.Join(",", statuses.Select(s => (int)s)));
        AssertThrottled(last!);
        Assert.Contains("Too many", await last!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // While throttled, the right password does not get through either: no oracle for the attacker.
        AssertThrottled(await SignInAsync(attacker, TestWorld.OwnerEmail, TestWorld.OwnerPassword));
    }

    [Fact]
    public async Task The_real_owner_signs_in_from_another_address_while_the_attacker_is_throttled()
    {
        using var attacker = From("127.0.0.1", _host.Http.BaseAddress!);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await SignInAsync(attacker, TestWorld.OwnerEmail, $"guess {attempt}");
        }

        using var owner = From("127.0.0.2", _host.Http.BaseAddress!);
        Assert.Equal(HttpStatusCode.Found, (await SignInAsync(owner, TestWorld.OwnerEmail, TestWorld.OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task After_a_short_window_the_same_address_may_sign_in_again()
    {
        using var client = From("127.0.0.1", _host.Http.BaseAddress!);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await SignInAsync(client, TestWorld.OwnerEmail, $"guess {attempt}");
        }

        AssertThrottled(await SignInAsync(client, TestWorld.OwnerEmail, TestWorld.OwnerPassword));
        _host.World.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Found, (await SignInAsync(client, TestWorld.OwnerEmail, TestWorld.OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task Spraying_one_password_over_many_accounts_from_one_address_is_throttled()
    {
        using var client = From("127.0.0.1", _host.Http.BaseAddress!);
        var statuses = new List<HttpStatusCode>();
        for (var account = 0; account < 40; account++)
        {
            statuses.Add((await SignInAsync(client, $"person{account}@example.com", "Summer2026!")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        using var other = From("127.0.0.3", _host.Http.BaseAddress!);
        Assert.Equal(HttpStatusCode.Found, (await SignInAsync(other, TestWorld.OwnerEmail, TestWorld.OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_password_change_are_throttled_too()
    {
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            last = await _host.Http.PostAsJsonAsync("/account/password",
                new { email = TestWorld.OwnerEmail, currentPassword = $"guess {attempt}", newPassword = "new password 1" });
        }

        AssertThrottled(last!);
        Assert.Equal("too_many_attempts", (string?)JsonNode.Parse(await last!.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task A_flood_of_sign_in_posts_from_one_address_is_refused_by_the_rate_limiter_with_a_page_and_Retry_After()
    {
        await using var host = await VendorHttpHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Throttling:SignInRequestBurst"] = "3",
            ["Throttling:SignInRequestsPerMinute"] = "1",
        });
        using var client = From("127.0.0.1", host.Http.BaseAddress!);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await SignInAsync(client, TestWorld.OwnerEmail, TestWorld.OwnerPassword); // right passwords: a flood all the same
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Found, statuses[0]);
        AssertThrottled(last!);
        Assert.Equal("text/html", last!.Content.Headers.ContentType?.MediaType);
        using var other = From("127.0.0.5", host.Http.BaseAddress!);
        Assert.Equal(HttpStatusCode.Found, (await SignInAsync(other, TestWorld.OwnerEmail, TestWorld.OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_with_Retry_After_in_OAuth_terms_past_its_per_address_limit()
    {
        await using var host = await VendorHttpHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Throttling:TokenRequestBurst"] = "5",
            ["Throttling:TokenRequestsPerSecond"] = "1",
        });
        using var client = From("127.0.0.1", host.Http.BaseAddress!);
        HttpResponseMessage? throttled = null;
        for (var attempt = 0; attempt < 20 && throttled is null; attempt++)
        {
            var response = await client.PostAsync("/oauth/token", VendorHttpHost.Form(
                [("grant_type", "refresh_token"), ("refresh_token", $"guess-{attempt}"), .. VendorHttpHost.ClientCredentials]));
            throttled = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(throttled);
        AssertThrottled(throttled);
        Assert.Equal("no-store", throttled.Headers.CacheControl?.ToString());
        Assert.NotNull((string?)JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]);

        using var other = From("127.0.0.4", host.Http.BaseAddress!);
        var fromElsewhere = await other.PostAsync("/oauth/token", VendorHttpHost.Form(
            [("grant_type", "refresh_token"), ("refresh_token", "guess"), .. VendorHttpHost.ClientCredentials]));
        Assert.Equal(HttpStatusCode.BadRequest, fromElsewhere.StatusCode);
    }
}
