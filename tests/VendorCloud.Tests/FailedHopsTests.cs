using System.Diagnostics;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Which hop a failed command is blamed on, and that the failing spans carry it.</summary>
public sealed class FailedHopsTests
{
    [Theory]
    [InlineData("ENDPOINT_UNREACHABLE", nameof(CommandStatus.DeviceOffline), "plug")]
    [InlineData("ENDPOINT_UNREACHABLE", nameof(CommandStatus.Timeout), "plug")]
    [InlineData("ENDPOINT_UNREACHABLE", null, "plug")]
    [InlineData("BRIDGE_UNREACHABLE", nameof(CommandStatus.BridgeUnreachable), "uplink")]
    [InlineData("BRIDGE_UNREACHABLE", null, "uplink")]
    [InlineData("INVALID_AUTHORIZATION_CREDENTIAL", null, "link")]
    [InlineData("EXPIRED_AUTHORIZATION_CREDENTIAL", null, "link")]
    [InlineData("NO_SUCH_ENDPOINT", null, "link")]
    [InlineData("INVALID_VALUE", nameof(CommandStatus.Rejected), "plug")]
    [InlineData("INVALID_VALUE", null, "assistant")]
    [InlineData("VALUE_OUT_OF_RANGE", null, "assistant")]
    [InlineData("INVALID_DIRECTIVE", null, "assistant")]
    [InlineData("INTERNAL_ERROR", nameof(CommandStatus.Failed), "gateway")]
    [InlineData("INTERNAL_ERROR", null, "vendor")]
    [InlineData("SOMETHING_NEW", null, "vendor")]
    public void A_directive_failure_is_placed_on_its_hop(string errorType, string? command, string hop)
    {
        var failedHop = DirectiveFailedHops.Of(errorType, command is null ? null : Enum.Parse<CommandStatus>(command));

        Assert.Equal(hop, failedHop.Hop);
        Assert.False(string.IsNullOrWhiteSpace(failedHop.Cause));
    }

    [Fact]
    public void The_causes_are_plain_sentences_that_tell_the_failures_apart()
    {
        Assert.Equal("the plug is offline: the gateway reports it unavailable", FailedHops.OfCommand(CommandStatus.DeviceOffline, null)!.Cause);
        Assert.Equal("the plug did not answer the command in time", FailedHops.OfCommand(CommandStatus.Timeout, "no result")!.Cause);
        Assert.Equal("the home's uplink is not connected", FailedHops.OfCommand(CommandStatus.BridgeUnreachable, null)!.Cause);
        Assert.Equal("the plug rejected the command: brightness unsupported",
            FailedHops.OfCommand(CommandStatus.Rejected, "brightness unsupported")!.Cause);
        Assert.Equal("the plug rejected the command", FailedHops.OfCommand(CommandStatus.Rejected, null)!.Cause);
        Assert.Equal("the account link has ended (password_changed)",
            DirectiveFailedHops.Of("INVALID_AUTHORIZATION_CREDENTIAL", linkReason: "password_changed").Cause);
        Assert.Equal("the access token is not valid", DirectiveFailedHops.Of("INVALID_AUTHORIZATION_CREDENTIAL").Cause);
        Assert.Equal("the device is not in the linked account", DirectiveFailedHops.Of("NO_SUCH_ENDPOINT").Cause);
    }

    [Fact]
    public void A_successful_command_has_no_failed_hop()
    {
        Assert.Null(FailedHops.OfCommand(CommandStatus.Ok, null));
        // A failure type with a successful command (cannot happen) falls back to the error type.
        Assert.Equal("assistant", DirectiveFailedHops.Of("VALUE_OUT_OF_RANGE", CommandStatus.Ok).Hop);
    }

    [Theory]
    [InlineData(nameof(CommandStatus.DeviceOffline), "ENDPOINT_UNREACHABLE", "plug", "the plug is offline: the gateway reports it unavailable")]
    [InlineData(nameof(CommandStatus.BridgeUnreachable), "BRIDGE_UNREACHABLE", "uplink", "the home's uplink is not connected")]
    [InlineData(nameof(CommandStatus.Rejected), "INVALID_VALUE", "plug", "the plug rejected the command: cause")]
    [InlineData(nameof(CommandStatus.Failed), "INTERNAL_ERROR", "gateway", "the home's gateway could not carry out the command: cause")]
    public async Task The_directive_span_of_a_failed_command_carries_the_hop_the_cause_and_the_Alexa_error(string status, string errorType,
        string hop, string cause)
    {
        var world = new TestWorld();
        var linked = await world.LinkAsync();
        world.Uplinks.Answer = _ => new CommandOutcome(Enum.Parse<CommandStatus>(status), null, "cause");

        var span = await DirectiveSpanAsync(world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(errorType, span.GetTagItem("alexa.error.type"));
        Assert.NotNull(span.GetTagItem("alexa.error.message"));
        Assert.Equal(hop, span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal(cause, span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task A_revoked_link_is_blamed_on_the_link_with_its_reason_and_a_bad_value_on_the_assistant()
    {
        var world = new TestWorld();
        var linked = await world.LinkAsync();

        var outOfRange = await DirectiveSpanAsync(world,
            DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 400 }));
        Assert.Equal(("VALUE_OUT_OF_RANGE", "assistant"), (outOfRange.GetTagItem("alexa.error.type"), outOfRange.GetTagItem("smarthome.failed_hop")));

        await world.LinkFaults.RevokeGrantsAsync(TestWorld.OwnerEmail, CancellationToken.None);
        var revoked = await DirectiveSpanAsync(world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", revoked.GetTagItem("alexa.error.type"));
        Assert.Equal("link", revoked.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("the account link has ended (simulated)", revoked.GetTagItem("smarthome.cause"));
        Assert.Empty(world.Uplinks.Sent);
    }

    [Fact]
    public async Task A_successful_directive_has_no_failed_hop()
    {
        var world = new TestWorld();
        var linked = await world.LinkAsync();

        var span = await DirectiveSpanAsync(world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));

        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("smarthome.failed_hop"));
        Assert.Null(span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task The_command_span_of_a_failed_command_carries_the_hop_and_the_cause_and_reads_as_what_happened()
    {
        var world = new TestWorld();
        var uplinks = new HomeUplinks(world.Registry, world.Shadows, world.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<HomeUplinks>.Instance);

        var spans = await CaptureAsync(() =>
            uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState("ON", null), CancellationToken.None));

        var span = Assert.Single(spans, s => s.OperationName == $"command {TestWorld.DeviceId}");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        // Renamed to what happened, as the dashboard's waterfall shows it; this process never saw the home connected.
        Assert.Equal("home uplink down (BRIDGE_UNREACHABLE)", span.DisplayName);
        Assert.Equal("the home's uplink is not connected", span.StatusDescription);
        Assert.Equal("uplink", span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("the home's uplink is not connected", span.GetTagItem("smarthome.cause"));
    }

    private static async Task<Activity> DirectiveSpanAsync(TestWorld world, byte[] directive)
    {
        var spans = await CaptureAsync(() => world.Skill.HandleAsync(directive, CancellationToken.None));
        return Assert.Single(spans, s => s.OperationName.StartsWith("alexa directive", StringComparison.Ordinal));
    }

    /// <summary>The vendor's spans stopped under a parent of this test's own (other tests run in parallel).</summary>
    private static async Task<IReadOnlyList<Activity>> CaptureAsync(Func<Task> action)
    {
        using var recorder = new ActivityRecorder(VendorCloudTelemetry.SourceName);
        using var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        await action();
        return recorder.InTrace(parent.TraceId);
    }
}
