using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests;

/// <summary>AcceptGrant at the skill endpoint: the grantee token names the account, the code is exchanged, the tokens stored.</summary>
public sealed class AcceptGrantTests
{
    private readonly TestWorld _world = new();

    public AcceptGrantTests() =>
        _world.AssistantTokens.Exchange = code => Task.FromResult(code == "grant-code-1"
            ? AssistantTokenResult.Success(new AssistantTokens("Atza|access-1", "Atzr|refresh-1", _world.Time.GetUtcNow().AddHours(1)))
            : AssistantTokenResult.Refused("invalid_grant"));

    [Fact]
    public async Task The_code_is_exchanged_and_the_accounts_tokens_stored()
    {
        var linked = await _world.LinkAsync();

        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(linked.AccessToken));

        Assert.Equal("Alexa.Authorization", (string?)answer["event"]!["header"]!["namespace"]);
        Assert.Equal("AcceptGrant.Response", (string?)answer["event"]!["header"]!["name"]);
        Assert.Empty(answer["event"]!["payload"]!.AsObject());
        Assert.Equal(("authorization_code", "grant-code-1"), Assert.Single(_world.AssistantTokens.Calls));
        Assert.Equal("Atza|access-1", _world.AssistantGrants.Tokens[TestWorld.OwnerAccountId].AccessToken);
        var status = await _world.AssistantGrants.GetStatusAsync(TestWorld.OwnerAccountId, CancellationToken.None);
        Assert.Equal((AssistantGrantStatus.Active, (string?)null), (status.State, status.Reason));
        Assert.Equal(_world.Time.GetUtcNow(), status.Since);
        Assert.False(_world.AssistantGrants.Tokens.ContainsKey(TestWorld.OtherAccountId));
    }

    [Fact]
    public async Task A_refused_code_answers_ACCEPT_GRANT_FAILED_and_the_grant_is_lost()
    {
        var linked = await _world.LinkAsync();

        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(linked.AccessToken, code: "used-code"));

        AssertAcceptGrantFailed(answer);
        Assert.Contains("invalid_grant", (string?)answer["event"]!["payload"]!["message"], StringComparison.Ordinal);
        var status = await _world.AssistantGrants.GetStatusAsync(TestWorld.OwnerAccountId, CancellationToken.None);
        Assert.Equal((AssistantGrantStatus.Lost, GrantLossReasons.AcceptGrantFailed), (status.State, status.Reason));
        Assert.Empty(_world.AssistantGrants.Tokens);
    }

    [Fact]
    public async Task A_token_service_that_does_not_answer_is_ACCEPT_GRANT_FAILED()
    {
        _world.AssistantTokens.Exchange = _ => Task.FromResult(AssistantTokenResult.Unreachable("connection refused"));
        var linked = await _world.LinkAsync();

        AssertAcceptGrantFailed(await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(linked.AccessToken)));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData(null)]
    public async Task A_grantee_token_that_is_not_the_vendors_fails_without_an_exchange(string? granteeToken)
    {
        AssertAcceptGrantFailed(await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(granteeToken)));
        Assert.Empty(_world.AssistantTokens.Calls);
    }

    [Fact]
    public async Task A_grant_without_a_code_fails_without_an_exchange()
    {
        var linked = await _world.LinkAsync();

        AssertAcceptGrantFailed(await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(linked.AccessToken, code: null)));
        Assert.Empty(_world.AssistantTokens.Calls);
    }

    [SkippableFact]
    public async Task Response_and_ErrorResponse_validate_against_Amazons_schema()
    {
        var schema = await AlexaMessageSchema.GetAsync();
        var linked = await _world.LinkAsync();

        foreach (var code in new[] { "grant-code-1", "used-code" })
        {
            var json = (await DirectiveJson.HandleAsync(_world, DirectiveJson.AcceptGrant(linked.AccessToken, code))).ToJsonString();
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, $"{json}\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    private static void AssertAcceptGrantFailed(System.Text.Json.Nodes.JsonNode answer)
    {
        Assert.Equal("Alexa.Authorization", (string?)answer["event"]!["header"]!["namespace"]);
        Assert.Equal("ErrorResponse", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal("ACCEPT_GRANT_FAILED", (string?)answer["event"]!["payload"]!["type"]);
        Assert.Null(answer["event"]!["endpoint"]);
    }
}
