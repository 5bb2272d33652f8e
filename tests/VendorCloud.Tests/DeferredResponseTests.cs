using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests;

/// <summary>A plug slow to apply: DeferredResponse at once, the outcome as an asynchronous Response through the event gateway.</summary>
public sealed class DeferredResponseTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestWorld _world = new();
    private readonly TaskCompletionSource _plugApplies = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeferredResponseTests()
    {
        _world.EnableAssistantEvents();
        _world.Uplinks.AnswersAfter = _plugApplies.Task;
    }

    [Fact]
    public async Task A_command_not_confirmed_within_the_patience_is_deferred_and_its_Response_follows_as_an_event()
    {
        _world.AssistantGrants.Grant(TestWorld.OwnerAccountId, new AssistantTokens("Atza|a", "Atzr|r", _world.Time.GetUtcNow().AddHours(1)), _world.Time.GetUtcNow());
        var linked = await _world.LinkAsync();

        var handling = _world.Skill.HandleAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken), CancellationToken.None);
        await WaitUntilAsync(() => !_world.Uplinks.Sent.IsEmpty);
        Assert.False(handling.IsCompleted);
        await AdvanceUntilAsync(handling);
        var answer = DirectiveJson.ToJson(await handling.WaitAsync(Bound));

        Assert.Equal("DeferredResponse", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal("corr-token==", (string?)answer["event"]!["header"]!["correlationToken"]);
        Assert.Equal(7, (int)answer["event"]!["payload"]!["estimatedDeferralInSeconds"]!);
        Assert.Equal(0, _world.EventQueue.Count);

        _plugApplies.SetResult();
        await WaitUntilAsync(() => _world.EventQueue.Count == 1);
        var pending = await _world.EventQueue.PeekAsync(CancellationToken.None).WaitAsync(Bound);
        var response = DirectiveJson.ToJson(pending.Draft.Build("Atza|a"));
        Assert.Equal("Response", (string?)response["event"]!["header"]!["name"]);
        Assert.Equal("corr-token==", (string?)response["event"]!["header"]!["correlationToken"]);
        Assert.Equal("Atza|a", (string?)response["event"]!["endpoint"]!["scope"]!["token"]);
        Assert.Equal(TestWorld.DeviceId, (string?)response["event"]!["endpoint"]!["endpointId"]);
        Assert.Equal("ON", (string?)response["context"]!["properties"]![0]!["value"]);
    }

    [Fact]
    public async Task Without_event_gateway_tokens_the_skill_waits_and_answers_itself()
    {
        var linked = await _world.LinkAsync();

        var handling = _world.Skill.HandleAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken), CancellationToken.None);
        await WaitUntilAsync(() => !_world.Uplinks.Sent.IsEmpty);
        _world.Time.Advance(_world.AssistantOptions.DeferAfter * 2);
        await Task.Delay(50);
        Assert.False(handling.IsCompleted);

        _plugApplies.SetResult();
        var answer = DirectiveJson.ToJson(await handling.WaitAsync(Bound));
        Assert.Equal("Response", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal(0, _world.EventQueue.Count);
    }

    [Fact]
    public async Task A_command_that_fails_after_deferral_follows_as_an_ErrorResponse()
    {
        _world.AssistantGrants.Grant(TestWorld.OwnerAccountId, new AssistantTokens("Atza|a", "Atzr|r", _world.Time.GetUtcNow().AddHours(1)), _world.Time.GetUtcNow());
        _world.Uplinks.Answer = _ => new SmartHome.VendorCloud.Uplink.CommandOutcome(SmartHome.VendorCloud.Uplink.CommandStatus.Timeout, null, "late");
        var linked = await _world.LinkAsync();

        var handling = _world.Skill.HandleAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken), CancellationToken.None);
        await AdvanceUntilAsync(handling);
        Assert.Equal("DeferredResponse", (string?)DirectiveJson.ToJson(await handling.WaitAsync(Bound))["event"]!["header"]!["name"]);

        _plugApplies.SetResult();
        await WaitUntilAsync(() => _world.EventQueue.Count == 1);
        var error = DirectiveJson.ToJson((await _world.EventQueue.PeekAsync(CancellationToken.None)).Draft.Build("Atza|a"));
        Assert.Equal("ErrorResponse", (string?)error["event"]!["header"]!["name"]);
        Assert.Equal("ENDPOINT_UNREACHABLE", (string?)error["event"]!["payload"]!["type"]);
        Assert.Equal("corr-token==", (string?)error["event"]!["header"]!["correlationToken"]);
    }

    /// <summary>Lets the skill's patience run out (the clock moves until the directive is answered; the plug still has not).</summary>
    private async Task AdvanceUntilAsync(Task handling)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!handling.IsCompleted)
        {
            _world.Time.Advance(_world.AssistantOptions.DeferAfter);
            await Task.Delay(10, timeout.Token);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
