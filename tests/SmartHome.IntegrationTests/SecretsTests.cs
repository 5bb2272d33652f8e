using System.Text.Json;
using StackExchange.Redis;

namespace SmartHome.IntegrationTests;

/// <summary>
/// No token, code, state, PKCE verifier, password or client secret reaches a log record or a span attribute of any
/// service, although Aspire turns the instrumentations' own query redaction off in development.
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class SecretsTests(SmartHomeAppFixture fixture)
{
    [Fact]
    public async Task NoSecretAppearsInTheDashboardsLogsOrTraces()
    {
        await fixture.EnsureLinkedAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Exercise every secret-bearing path: sign-in, code, exchange, refresh, directives, re-link.
        var oauth = new VendorOAuth(fixture);
        var tokens = await oauth.LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        await oauth.RefreshAsync(tokens.RefreshToken!, cts.Token);
        await fixture.AdvanceClockAsync(TimeSpan.FromHours(2));
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
        // The person's browser lands on the assistant's callback with the code and the state in the query; the
        // assistant's PKCE verifier waits in its store meanwhile.
        var authorizeUrl = await fixture.StartLinkAsync();
        await RememberAssistantsVerifierAsync(System.Web.HttpUtility.ParseQueryString(authorizeUrl.Query)["state"]!, cts.Token);
        var callback = System.Web.HttpUtility.ParseQueryString((await fixture.CompleteLinkAsync(authorizeUrl)).Query);
        string[] callbackSecrets = [callback["code"]!, callback["state"]!];
        Assert.All(callbackSecrets, s => Assert.Contains(s, TestSecrets.All));
        Assert.Equal("Success", (await fixture.SayAsync("turn off the bedroom lamp")).Outcome);
        // The diagnosis asks the vendor with the client credentials in an HTTP Basic header.
        Assert.Equal("ok", (await fixture.DiagnoseAsync())["vendor"].Status);
        TestSecrets.Remember(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"assistant:{SmartHomeAppFixture.AssistantClientSecret}")));
        await RememberAssistantTokensAsync(cts.Token);

        // Exporters batch: give them time, then read everything the dashboard holds.
        await Task.Delay(TimeSpan.FromSeconds(5), cts.Token);
        var telemetry = DashboardTelemetry.For(fixture);
        var dumps = new List<string>();
        // Each service as the dashboard names it: with several replicas of a cloud, each replica is a resource of its own.
        foreach (var service in World.Services)
        {
            foreach (var instance in await fixture.World.InstancesAsync(service, cts.Token))
            {
                dumps.Add(await telemetry.GetRawAsync($"/api/telemetry/logs?resource={instance}&limit=10000", cts.Token));
                dumps.Add(await telemetry.GetRawAsync($"/api/telemetry/traces?resource={instance}&limit=10000", cts.Token));
            }
        }

        var everything = string.Join("\n", dumps);
        Assert.Contains("utterance TurnOn bedroom lamp", everything); // the dump is real telemetry (an utterance's root span)
        Assert.Contains("/api/link/callback", everything); // and holds the callback's request
        var secrets = TestSecrets.All;
        Assert.True(secrets.Count >= 8, $"only {secrets.Count} secrets collected");
        foreach (var secret in secrets)
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal)
                || everything.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal),
                $"a secret of {secret.Length} characters starting '{secret[..3]}' appears in telemetry");
        }
    }

    /// <summary>The assistant's PKCE verifier of a started link, read where it keeps it until the callback.</summary>
    private async Task RememberAssistantsVerifierAsync(string state, CancellationToken cancellationToken)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.GetRedisConnectionStringAsync(cancellationToken));
        var json = (string?)await redis.GetDatabase().StringGetAsync($"assistant:link-states:{state}");
        Assert.False(string.IsNullOrEmpty(json), "the assistant's pending link was not found");
        var verifier = JsonDocument.Parse(json!).RootElement.GetProperty("codeVerifier").GetString();
        Assert.False(string.IsNullOrEmpty(verifier));
        TestSecrets.Remember(verifier);
    }

    /// <summary>The assistant's own tokens, read where it keeps them (the test may look; nobody else does).</summary>
    private async Task RememberAssistantTokensAsync(CancellationToken cancellationToken)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.GetRedisConnectionStringAsync(cancellationToken));
        var json = (string?)await redis.GetDatabase().StringGetAsync($"assistant:users:{{owner}}:links:{World.Skill}");
        Assert.False(string.IsNullOrEmpty(json), "the assistant's link record was not found");
        var found = 0;
        foreach (var property in JsonDocument.Parse(json!).RootElement.EnumerateObject())
        {
            if (property.Name.Contains("token", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                TestSecrets.Remember(property.Value.GetString());
                found++;
            }
        }

        Assert.True(found >= 2, "the assistant's access and refresh tokens were not found in its link record");
    }
}
