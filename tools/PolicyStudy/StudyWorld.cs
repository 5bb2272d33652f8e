using System.Net.Http.Json;
using System.Text.Json;
using SmartHome.Testing;

namespace SmartHome.PolicyStudy;

/// <summary>
/// The study's calls into a running world, each a real request to a real service: the person's utterance and link at the
/// assistant, the maker's app (sign-in, password change) and the simulation's switches (broadband, the lossy network,
/// the clock), and the vendor's own view of a grant. Clients are made once per world.
/// </summary>
public sealed class StudyWorld(SmartHomeWorld world) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _assistant = world.CreateHttpClient("assistantcloud");
    private readonly HttpClient _vendor = world.CreateHttpClient("vendorcloud");
    private readonly HttpClient _gateway = world.CreateHttpClient("devicegateway");

    public SmartHomeWorld World { get; } = world;

    public FleetPerson Person(int number) => FleetPerson.Of(World, number);

    /// <summary>The person speaks; the outcome the assistant answered (<c>Success</c>, <c>LinkExpired</c>, ...).</summary>
    public async Task<string> SayAsync(string user, string text, CancellationToken cancellationToken)
    {
        using var response = await _assistant.PostAsJsonAsync("/api/utterances", new { user, text }, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"Http{(int)response.StatusCode}";
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("outcome").GetString() ?? "Unknown";
    }

    /// <summary>
    /// People use the skill as far as the token (the assistant's <c>POST /sim/token-uses</c>: the real token provider, a
    /// refresh at the vendor when due, the link expired on invalid_grant): the outcome per user a command would have had if
    /// the home did its part.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UseTokensAsync(IReadOnlyList<string> users, int parallelism, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, string>();
        foreach (var chunk in users.Chunk(1000))
        {
            using var response = await _assistant.PostAsJsonAsync("/sim/token-uses", new { users = chunk, parallelism }, Json, cancellationToken);
            await EnsureAsync(response, "/sim/token-uses", cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var result in body.RootElement.GetProperty("results").EnumerateArray())
            {
                outcomes[result.GetProperty("user").GetString()!] = result.GetProperty("outcome").GetString() ?? "Unknown";
            }
        }

        return outcomes;
    }

    /// <summary>The person opens the maker's app and signs in (<c>POST /account/sign-in</c>).</summary>
    public Task SignInAsync(FleetPerson person, string password, CancellationToken cancellationToken) =>
        PostAsync(_vendor, "/account/sign-in", new { email = person.Email, password }, cancellationToken);

    /// <summary>The person changes the password in the maker's app (<c>POST /account/password</c>): every link of the account ends.</summary>
    public Task ChangePasswordAsync(FleetPerson person, string current, string next, CancellationToken cancellationToken) =>
        PostAsync(_vendor, "/account/password", new { email = person.Email, currentPassword = current, newPassword = next }, cancellationToken);

    /// <summary>The person disables the skill in the assistant's app (the assistant revokes the grant at the vendor).</summary>
    public async Task DisableSkillAsync(FleetPerson person, CancellationToken cancellationToken)
    {
        using var response = await _assistant.DeleteAsync($"/api/users/{person.User}/skills/{SmartHomeWorld.Skill}", cancellationToken);
        await EnsureAsync(response, "disable the skill", cancellationToken);
    }

    /// <summary>The person links (again): the assistant's app, the vendor's sign-in page, back (the kit's verb).</summary>
    public Task RelinkAsync(FleetPerson person, string password, CancellationToken cancellationToken) =>
        World.RelinkAsync(person.User, person.Email, password, cancellationToken);

    /// <summary>The home's broadband goes down or comes back (<c>/sim/broadband/down|up?home=</c> on the gateway).</summary>
    public Task BroadbandAsync(FleetPerson person, bool down, CancellationToken cancellationToken) =>
        PostAsync(_gateway, $"/sim/broadband/{(down ? "down" : "up")}?home={person.Home}", null, cancellationToken);

    /// <summary>The account's next refresh answer is lost on the way back, after the vendor rotated (<c>/sim/oauth/lose-refresh-answer</c>).</summary>
    public Task LoseNextRefreshAnswerAsync(FleetPerson person, CancellationToken cancellationToken) =>
        PostAsync(_vendor, $"/sim/oauth/lose-refresh-answer?email={Uri.EscapeDataString(person.Email)}", null, cancellationToken);

    /// <summary>
    /// Drops the account's lost answers that no refresh took (<c>DELETE /sim/oauth/lose-refresh-answer</c>): how many. Arms
    /// stack, so one left over from a day without a refresh would take the next day's answer as well.
    /// </summary>
    public async Task<int> DisarmLostRefreshAnswersAsync(FleetPerson person, CancellationToken cancellationToken)
    {
        using var response = await _vendor.DeleteAsync($"/sim/oauth/lose-refresh-answer?email={Uri.EscapeDataString(person.Email)}", cancellationToken);
        await EnsureAsync(response, "disarm the lost refresh answers", cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("disarmed").GetInt32();
    }

    /// <summary>The vendor's view of the account's newest grant: its state (active, expired, revoked) and why it ended.</summary>
    public async Task<(string State, string? Reason)> NewestGrantAsync(FleetPerson person, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await _vendor.GetStringAsync($"/sim/oauth/grants?email={Uri.EscapeDataString(person.Email)}", cancellationToken));
        var grants = body.RootElement.EnumerateArray().ToList();
        if (grants.Count == 0)
        {
            return ("none", null);
        }

        var newest = grants[^1];
        return (newest.GetProperty("state").GetString()!, newest.TryGetProperty("revokedReason", out var reason) ? reason.GetString() : null);
    }

    /// <summary>How many addresses the vendor's <c>POST /sim/oauth/newest-grants</c> takes at once.</summary>
    public const int NewestGrantsPerRequest = 100;

    /// <summary>
    /// The newest grant's state of many accounts (<c>POST /sim/oauth/newest-grants</c>, a hundred a request): by e-mail
    /// address, <c>none</c> for an account that never granted anything.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> NewestGrantStatesAsync(IEnumerable<FleetPerson> people, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, string>();
        foreach (var chunk in people.Select(p => p.Email).Chunk(NewestGrantsPerRequest))
        {
            using var response = await _vendor.PostAsJsonAsync("/sim/oauth/newest-grants", new { emails = chunk }, Json, cancellationToken);
            await EnsureAsync(response, "/sim/oauth/newest-grants", cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var answer in body.RootElement.EnumerateArray())
            {
                states[answer.GetProperty("email").GetString()!] = answer.GetProperty("grant") is { ValueKind: JsonValueKind.Object } grant
                    ? grant.GetProperty("state").GetString()!
                    : "none";
            }
        }

        return states;
    }

    /// <summary>Refresh requests the vendor's token endpoint has answered, and how many of them failed.</summary>
    public async Task<(long Refreshes, long Failures)> RefreshCountsAsync(CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await _vendor.GetStringAsync("/sim/oauth/stats", cancellationToken));
        var root = body.RootElement;
        return (root.GetProperty("tokenRequests").GetProperty("refresh_token").GetInt64(), root.GetProperty("refreshFailures").GetInt64());
    }

    /// <summary>
    /// Moves the world's clock. On a loaded machine a service may apply it after the coordinator stopped waiting (504, the
    /// clock is moved all the same): then the study waits, bounded, until every service shows the world's version.
    /// </summary>
    public async Task AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        try
        {
            await World.Clock.AdvanceAsync(by, cancellationToken);
        }
        catch (SmartHomeWorldException ex) when (ex.Message.Contains(" 504 ", StringComparison.Ordinal))
        {
            var version = (await World.Clock.GetAsync("assistantcloud", cancellationToken)).Version;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromMinutes(2));
            foreach (var service in ClockedServices)
            {
                while ((await World.Clock.GetAsync(service, bounded.Token)).Version < version)
                {
                    await Task.Delay(200, bounded.Token);
                }
            }
        }
    }

    private static readonly string[] ClockedServices = ["vendorcloud", "devicegateway", "simulatedplug"];

    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => World.Clock.NowAsync(cancellationToken);

    private static async Task PostAsync(HttpClient client, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = body is null
            ? await client.PostAsync(path, null, cancellationToken)
            : await client.PostAsJsonAsync(path, body, Json, cancellationToken);
        await EnsureAsync(response, path, cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new SmartHomeWorldException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public void Dispose()
    {
        _assistant.Dispose();
        _vendor.Dispose();
        _gateway.Dispose();
    }
}
