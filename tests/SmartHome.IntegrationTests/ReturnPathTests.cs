using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The assistant's side of the return path through the real AppHost: the token service and the event gateway
/// answer in their protocols' terms, the dashboard commands switch the gateway and end the vendor's tokens, and
/// what the assistant knows shows in the skills view, the devices list and the diagnosis. (That the vendor's
/// reports arrive is the end-to-end tests' part, once both sides are merged.)
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathTests(ReturnPathAppFixture fixture)
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<HttpResponseMessage> PostEventAsync(string? bearer)
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/events")
        {
            Content = new StringContent("""{"event":{"header":{"namespace":"Alexa","name":"ChangeReport","messageId":"m-1","payloadVersion":"3"},"payload":{}}}""",
                Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return await assistant.SendAsync(request).WaitAsync(Wire.RequestTimeout);
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["payload"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task TheTokenServiceAnswersInOAuthTermsAndKnowsTheSkillsClient()
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");

        using var wrongClient = await assistant.PostAsync("/auth/o2/token", Form(("grant_type", "authorization_code"), ("code", "nope"),
            ("client_id", "smarthome-skill"), ("client_secret", "wrong-secret"))).WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongClient.StatusCode);
        Assert.Equal("invalid_client", JsonNode.Parse(await wrongClient.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        // The AppHost's skill-client-secret is the skill's: the client is known, the code is not.
        using var unknownCode = await assistant.PostAsync("/auth/o2/token", Form(("grant_type", "authorization_code"), ("code", "nope"),
            ("client_id", "smarthome-skill"), ("client_secret", SmartHomeAppFixture.SkillClientSecret))).WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCode.StatusCode);
        Assert.Equal("invalid_grant", JsonNode.Parse(await unknownCode.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal("no-store", unknownCode.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheEventGatewayRefusesAnUnknownTokenAndTheDashboardTakesItDownAndBack()
    {
        using var unknown = await PostEventAsync("Atza|unknown-token-of-nobody");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("INVALID_ACCESS_TOKEN_EXCEPTION", await CodeAsync(unknown));

        await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-down");
        try
        {
            using var down = await PostEventAsync("Atza|unknown-token-of-nobody");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("SERVICE_UNAVAILABLE_EXCEPTION", await CodeAsync(down));
            Assert.NotNull(down.Headers.RetryAfter?.Delta);
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-up");
        }

        using var up = await PostEventAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, up.StatusCode);
    }

    [Fact]
    public async Task TheDevicesListShowsTheLastKnownStateAndHowItWasLearned()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("set the bedroom lamp to 35 percent", "Success");

        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var devices = await assistant.GetFromJsonAsync<JsonArray>("/api/users/owner/devices").WaitAsync(Wire.RequestTimeout);
        var lamp = Assert.Single(devices!, d => d!["friendlyName"]!.GetValue<string>() == "bedroom lamp")!;
        Assert.Equal(35, lamp["state"]!["brightness"]!.GetValue<int>());
        Assert.Contains(lamp["reportedBy"]!.GetValue<string>(), new[] { "Response", "ChangeReport" });
        Assert.NotNull(lamp["reportedAt"]);
        Assert.Contains("Alexa.PowerController.powerState", lamp["proactivelyReported"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task RevokingTheVendorsEventTokensShowsInTheSkillsViewAndTheDiagnosisSaysLinkAgain()
    {
        await fixture.EnsureLinkedAsync();
        // The grant of the owner's link exists from linking (accepted by the vendor, or failed when it takes no AcceptGrant).
        await fixture.RunDashboardCommandAsync("assistantcloud", "expire-event-tokens");
        await fixture.RunDashboardCommandAsync("assistantcloud", "revoke-event-tokens");

        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var skills = await assistant.GetFromJsonAsync<JsonArray>("/api/users/owner/skills").WaitAsync(Wire.RequestTimeout);
        var grant = skills!.Single()!["eventGrant"]!;
        Assert.Equal("revoked", grant["state"]!.GetValue<string>());
        Assert.Equal("simulated", grant["reason"]!.GetValue<string>());

        var report = await fixture.DiagnoseAsync();
        Assert.Equal("link", report.FirstFailingHop);
        Assert.Equal("The assistant shows stale state because the maker's reports are refused: the maker's permission to report was revoked.", report.Cause);
        Assert.Contains("link", report.Fix, StringComparison.OrdinalIgnoreCase);

        // Linking again grants the vendor a new permission: the revoked one is gone from the view.
        await fixture.RelinkAsync();
        var relinked = await assistant.GetFromJsonAsync<JsonArray>("/api/users/owner/skills").WaitAsync(Wire.RequestTimeout);
        Assert.NotEqual("revoked", relinked!.Single()!["eventGrant"]!["state"]!.GetValue<string>());
    }
}
