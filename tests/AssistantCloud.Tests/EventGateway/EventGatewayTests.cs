using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.AssistantCloud.EventGateway;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests;

/// <summary><c>POST /v3/events</c>: 202 and its effect, and every error code of the event gateway.</summary>
public sealed class EventGatewayTests(RedisServerFixture redis) : ReturnPathHttpTests(redis)
{
    protected override EventGatewayOptions GatewayOptions => new() { SkillClientSecret = ReturnPathTestData.SkillSecret, EventBurst = 5, EventsPerSecond = 1 };

    [RedisFact]
    public async Task A_ChangeReport_is_accepted_and_becomes_the_devices_last_known_state()
    {
        var (access, _) = await LinkedWithTokensAsync();

        using var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access, power: "ON", brightness: 40));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var device = Assert.Single(await DevicesAsync())!;
        Assert.Equal("plug-1", device["endpointId"]!.GetValue<string>());
        Assert.Equal("ON", device["state"]!["powerState"]!.GetValue<string>());
        Assert.Equal(40, device["state"]!["brightness"]!.GetValue<int>());
        Assert.Equal("OK", device["state"]!["connectivity"]!.GetValue<string>());
        Assert.Equal("ChangeReport", device["reportedBy"]!.GetValue<string>());
        Assert.Equal(ReturnPathTestData.Start, device["reportedAt"]!.GetValue<DateTimeOffset>());
    }

    [RedisFact]
    public async Task Without_a_known_token_the_answer_is_401_INVALID_ACCESS_TOKEN_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();

        using var none = await PostEventAsync(null, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(EventGatewayError.InvalidAccessToken, await ErrorCodeAsync(none));

        using var unknown = await PostEventAsync("Atza|not-a-token", ReturnPathTestData.ChangeReport("Atza|not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(EventGatewayError.InvalidAccessToken, await ErrorCodeAsync(unknown));
    }

    [RedisFact]
    public async Task An_access_token_expires_on_the_worlds_clock_and_a_refreshed_one_works()
    {
        var (access, refresh) = await LinkedWithTokensAsync();
        Time.Advance(TimeSpan.FromSeconds(3600));

        using var expired = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(EventGatewayError.InvalidAccessToken, await ErrorCodeAsync(expired));

        using var refreshed = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.RefreshGrant(refresh));
        var fresh = JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var accepted = await PostEventAsync(fresh, ReturnPathTestData.ChangeReport(fresh));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [RedisFact]
    public async Task The_expire_command_expires_the_persons_access_tokens_and_refreshing_still_works()
    {
        var (access, refresh) = await LinkedWithTokensAsync();

        using var command = await Host.Http.PostAsync($"/sim/event-gateway/expire-tokens?user={User}", null);
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);

        using var expired = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(EventGatewayError.InvalidAccessToken, await ErrorCodeAsync(expired));
        using var refreshed = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.RefreshGrant(refresh));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [RedisFact]
    public async Task The_revoke_command_ends_the_grant_events_and_refresh_alike()
    {
        var (access, refresh) = await LinkedWithTokensAsync();

        using var command = await Host.Http.PostAsync($"/sim/event-gateway/revoke-tokens?user={User}", null);
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);

        using var refused = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(EventGatewayError.InvalidAccessToken, await ErrorCodeAsync(refused));
        using var refreshed = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.RefreshGrant(refresh));
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);

        using var nobody = await Host.Http.PostAsync("/sim/event-gateway/revoke-tokens?user=nobody", null);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        using var noUser = await Host.Http.PostAsync("/sim/event-gateway/revoke-tokens", null);
        Assert.Equal(HttpStatusCode.BadRequest, noUser.StatusCode);
    }

    [RedisFact]
    public async Task A_disabled_skill_gets_403_SKILL_DISABLED_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();
        await Tokens.EndGrantAsync(User, ReturnPathTestData.Skill, EventGrantStates.Disabled, "the person disabled the skill");

        using var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(EventGatewayError.SkillDisabled, await ErrorCodeAsync(response));
    }

    [RedisFact]
    public async Task A_scope_token_of_another_person_gets_403_INSUFFICIENT_PERMISSION_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();
        var (other, _) = await LinkedWithTokensAsync("other-" + Guid.NewGuid().ToString("N"));

        using var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(other));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(EventGatewayError.InsufficientPermission, await ErrorCodeAsync(response));
    }

    [RedisFact]
    public async Task An_endpoint_not_discovered_for_the_person_gets_404_NO_SUCH_ENDPOINT_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();

        using var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access, endpointId: "plug-99"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(EventGatewayError.NoSuchEndpoint, await ErrorCodeAsync(response));
    }

    [RedisFact]
    public async Task Bad_messages_get_400_INVALID_REQUEST_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();
        var badCause = ReturnPathTestData.ChangeReport(access, cause: "MAGIC");
        var noCorrelation = ReturnPathTestData.AsyncResponse(access, "x");
        ((JsonObject)noCorrelation["event"]!["header"]!).Remove("correlationToken");

        foreach (var message in new[] { ReturnPathTestData.StateReport(access), badCause, noCorrelation, new JsonObject { ["hello"] = "world" } })
        {
            using var response = await PostEventAsync(access, message);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(EventGatewayError.InvalidRequest, await ErrorCodeAsync(response));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/events") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", access);
        using var notJson = await Host.Http.SendAsync(request);
        Assert.Equal(EventGatewayError.InvalidRequest, await ErrorCodeAsync(notJson));
    }

    [RedisFact]
    public async Task Too_many_events_for_one_token_get_429_THROTTLING_EXCEPTION_with_Retry_After()
    {
        var (access, _) = await LinkedWithTokensAsync();

        HttpResponseMessage? throttled = null;
        for (var sent = 0; sent < 20 && throttled is null; sent++)
        {
            var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = response;
            }
        }

        Assert.NotNull(throttled);
        Assert.Equal(EventGatewayError.Throttling, await ErrorCodeAsync(throttled));
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [RedisFact]
    public async Task The_fault_switch_takes_the_gateway_down_with_503_SERVICE_UNAVAILABLE_EXCEPTION_and_back()
    {
        var (access, _) = await LinkedWithTokensAsync();
        using var down = await Host.Http.PostAsync("/sim/event-gateway/down", null);
        Assert.Equal("""{"outage":false,"eventGatewayDown":true}""", await down.Content.ReadAsStringAsync());

        using var refused = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(EventGatewayError.ServiceUnavailable, await ErrorCodeAsync(refused));
        Assert.Equal(TimeSpan.FromSeconds(EventGatewayError.UnavailableRetryAfterSeconds), refused.Headers.RetryAfter?.Delta);

        await Host.Http.PostAsync("/sim/event-gateway/up", null);
        using var accepted = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [RedisFact]
    public async Task The_assistants_outage_answers_the_gateway_and_the_token_service_in_their_own_terms()
    {
        var (access, _) = await LinkedWithTokensAsync();
        await Host.Http.PostAsync("/sim/outage/on", null);

        using var events = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));
        using var token = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.CodeGrant("any"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, events.StatusCode);
        Assert.Equal(EventGatewayError.ServiceUnavailable, await ErrorCodeAsync(events));
        Assert.NotNull(events.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal("temporarily_unavailable", JsonNode.Parse(await token.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [RedisFact]
    public async Task A_store_that_fails_gets_500_INTERNAL_SERVICE_EXCEPTION()
    {
        var (access, _) = await LinkedWithTokensAsync();
        Store.FailReads = new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "simulated");

        using var response = await PostEventAsync(access, ReturnPathTestData.ChangeReport(access));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(EventGatewayError.InternalService, await ErrorCodeAsync(response));
    }

    [RedisFact]
    public async Task AddOrUpdateReport_and_DeleteReport_change_the_persons_devices()
    {
        var (access, _) = await LinkedWithTokensAsync();

        using var added = await PostEventAsync(access, ReturnPathTestData.AddOrUpdateReport(access, "plug-2", "desk lamp"));
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var devices = await DevicesAsync();
        Assert.Equal(["bedroom lamp", "desk lamp"], devices.Select(d => d!["friendlyName"]!.GetValue<string>()));
        Assert.Contains("Alexa.PowerController.powerState", devices[1]!["proactivelyReported"]!.AsArray().Select(p => p!.GetValue<string>()));

        using var deleted = await PostEventAsync(access, ReturnPathTestData.DeleteReport(access, "plug-1"));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(["desk lamp"], (await DevicesAsync()).Select(d => d!["friendlyName"]!.GetValue<string>()));
    }

    [RedisFact]
    public async Task An_asynchronous_Response_records_the_state_and_the_last_event_for_the_diagnosis()
    {
        var (access, _) = await LinkedWithTokensAsync();

        using var response = await PostEventAsync(access, ReturnPathTestData.AsyncResponse(access, "correlation-1", power: "OFF", brightness: 10));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var device = Assert.Single(await DevicesAsync())!;
        Assert.Equal(("OFF", "Response"), (device["state"]!["powerState"]!.GetValue<string>(), device["reportedBy"]!.GetValue<string>()));
        var facts = await Host.Services.GetRequiredService<EventGrantStore>().GetFactsAsync(User, ReturnPathTestData.Skill);
        Assert.Equal(("Alexa.Response", "accepted"), (facts.LastEvent?.Name, facts.LastEvent?.Status));
    }
}
