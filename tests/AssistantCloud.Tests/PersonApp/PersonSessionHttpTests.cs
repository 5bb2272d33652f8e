using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Tests.PersonApp;

/// <summary>
/// The person's API with the development switch off: every call needs the person's session, which the app's sign-in
/// page gives (antiforgery checked), and a session is bound to its person.
/// </summary>
public sealed partial class PersonSessionHttpTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Seed = "owner-app-password-for-tests";

    private AssistantTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAssistantStore();
        foreach (var person in new[] { "owner", "alice" })
        {
            await store.EnsureUserAsync(person, CancellationToken.None);
        }

        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "access-1", "refresh-1",
            time.GetUtcNow().AddHours(1), "owner@example.com", time.GetUtcNow()), CancellationToken.None);
        await store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId,
            [new DiscoveredEndpoint("plug-1", "bedroom lamp", ["LIGHT"], ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController"],
                new Dictionary<string, string>())], CancellationToken.None);
        _store = store;
        _time = time;
        if (redis.Redis is { } shared)
        {
            // The sign-in throttle is the world's (Redis): each test starts with no failures counted.
            await shared.GetDatabase().KeyDeleteAsync([SignInThrottle.Key("owner"), SignInThrottle.Key("alice")]);
        }

        _host = await StartHostAsync();
    }

    private InMemoryAssistantStore _store = null!;
    private FakeTimeProvider _time = null!;

    // A host of the assistant as a replica: the store and the sign-in throttle's Redis shared with the others.
    private Task<AssistantTestHost> StartHostAsync() =>
        AssistantTestHost.StartAsync(new() { Store = _store, Time = _time, PersonApiWithoutSession = false, AppPasswordSeed = Seed, Redis = redis.Redis });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/users/owner/devices")]
    [InlineData("GET", "/api/users/owner/skills")]
    [InlineData("GET", "/api/users/owner/notifications")]
    [InlineData("POST", "/api/users/owner/skills/smarthome-vendor/link")]
    [InlineData("GET", "/api/diagnose?user=owner&device=bedroom%20lamp")]
    public async Task Without_a_session_the_person_API_is_401(string method, string path)
    {
        using var response = await _host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_an_utterance_naming_its_user_is_401()
    {
        using var response = await _host.Http.PostAsJsonAsync("/api/utterances", new { user = "owner", text = "turn on the lamp" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_app_page_without_a_session_redirects_to_the_sign_in_page()
    {
        using var browser = Browser(out _);
        using var response = await browser.GetAsync("/skills");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [RedisFact]
    public async Task A_session_is_bound_to_its_person()
    {
        using var browser = Browser(out var cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "owner", Seed)).StatusCode);
        var session = cookies.GetCookies(_host.Http.BaseAddress!)[PersonAppServices.SessionCookie]!;
        Assert.True(session.HttpOnly);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/owner/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/users/alice/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsJsonAsync("/api/utterances", new { user = "alice", text = "lights off" })).StatusCode);
        using var own = await browser.PostAsJsonAsync("/api/utterances", new { text = "turn on the bedroom lamp" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [RedisFact]
    public async Task Another_person_signs_in_with_the_password_derived_for_them()
    {
        using var browser = Browser(out _);
        var alices = WorldSecrets.Derive(Seed, PersonPasswords.DerivationPurpose, "alice");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "alice", alices)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/alice/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/users/owner/devices")).StatusCode);
    }

    [RedisFact]
    public async Task A_wrong_password_keeps_the_name_typed_and_five_in_a_minute_make_the_person_wait()
    {
        using var browser = Browser(out _);
        for (var attempt = 0; attempt < SignInThrottle.Limit; attempt++)
        {
            using var wrong = await SignInAsync(browser, "alice", "wrong");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var page = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("not correct", page, StringComparison.Ordinal);
            Assert.Contains("value=\"alice\"", page, StringComparison.Ordinal);
        }

        using var throttled = await SignInAsync(browser, "alice", WorldSecrets.Derive(Seed, PersonPasswords.DerivationPurpose, "alice"));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [RedisFact]
    public async Task Wrong_passwords_count_whichever_replica_they_land_on()
    {
        await using var other = await StartHostAsync();
        using var browser = Browser(out _);
        using var otherBrowser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = other.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        for (var attempt = 0; attempt < SignInThrottle.Limit; attempt++)
        {
            using var wrong = await SignInAsync(attempt % 2 == 0 ? browser : otherBrowser, "alice", "wrong");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var alices = WorldSecrets.Derive(Seed, PersonPasswords.DerivationPurpose, "alice");
        using var here = await SignInAsync(browser, "alice", alices);
        using var there = await SignInAsync(otherBrowser, "alice", alices);
        Assert.Equal(HttpStatusCode.TooManyRequests, here.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, there.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser(out _);
        using var response = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["person"] = "owner",
            ["password"] = Seed,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(PersonAppServices.SessionCookie, StringComparison.Ordinal));
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new HttpClient(handler) { BaseAddress = _host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string person, string password)
    {
        var form = await browser.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        Assert.NotEmpty(token);
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["person"] = person,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"", RegexOptions.ExplicitCapture)]
    private static partial Regex AntiforgeryField();
}
