using System.Text.Json;
using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

public sealed class LightCommandsTests
{
    private static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void TurnOn_and_TurnOff_set_the_power_state_only()
    {
        Assert.Equal(new LightState("ON", null), LightCommands.ToCommand(DirectiveKind.TurnOn, Payload("{}"), 30).Command);
        Assert.Equal(new LightState("OFF", null), LightCommands.ToCommand(DirectiveKind.TurnOff, Payload("{}"), 30).Command);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(100)]
    public void SetBrightness_sends_the_level(int level)
    {
        var (command, failure) = LightCommands.ToCommand(DirectiveKind.SetBrightness, Payload($$"""{"brightness":{{level}}}"""), 10);
        Assert.Null(failure);
        Assert.Equal(new LightState(null, level), command);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(140)]
    public void SetBrightness_outside_0_to_100_is_VALUE_OUT_OF_RANGE_with_the_valid_range(int level)
    {
        var (command, failure) = LightCommands.ToCommand(DirectiveKind.SetBrightness, Payload($$"""{"brightness":{{level}}}"""), 10);
        Assert.Null(command);
        Assert.Equal(AlexaErrorTypes.ValueOutOfRange, failure?.Type);
        Assert.Equal(new ValidRange(0, 100), failure?.ValidRange);
    }

    [Theory]
    [InlineData(40, 25, 65)]
    [InlineData(40, -25, 15)]
    [InlineData(90, 30, 100)] // clamped at the top
    [InlineData(10, -30, 0)] // clamped at the bottom
    [InlineData(0, 100, 100)]
    [InlineData(100, -100, 0)]
    public void AdjustBrightness_sets_the_clamped_sum_of_current_and_delta(int current, int delta, int expected)
    {
        var (command, failure) = LightCommands.ToCommand(DirectiveKind.AdjustBrightness, Payload($$"""{"brightnessDelta":{{delta}}}"""), current);
        Assert.Null(failure);
        Assert.Equal(new LightState(null, expected), command);
    }

    [Theory]
    [InlineData(-101)]
    [InlineData(101)]
    public void AdjustBrightness_delta_outside_minus_100_to_100_is_VALUE_OUT_OF_RANGE(int delta)
    {
        var (_, failure) = LightCommands.ToCommand(DirectiveKind.AdjustBrightness, Payload($$"""{"brightnessDelta":{{delta}}}"""), 50);
        Assert.Equal(AlexaErrorTypes.ValueOutOfRange, failure?.Type);
        Assert.Equal(new ValidRange(0, 100), failure?.ValidRange);
    }

    [Theory]
    [InlineData("""{"brightness":"40"}""", AlexaErrorTypes.InvalidValue)]
    [InlineData("""{"brightness":40.5}""", AlexaErrorTypes.InvalidValue)]
    [InlineData("""{}""", AlexaErrorTypes.InvalidDirective)]
    public void SetBrightness_without_an_integer_level_is_refused(string payload, string errorType)
    {
        Assert.Equal(errorType, LightCommands.ToCommand(DirectiveKind.SetBrightness, Payload(payload), 10).Failure?.Type);
    }

    [Theory]
    [InlineData(nameof(CommandStatus.Ok), null)]
    [InlineData(nameof(CommandStatus.DeviceOffline), "ENDPOINT_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.Timeout), "ENDPOINT_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.BridgeUnreachable), "BRIDGE_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.Rejected), "INVALID_VALUE")]
    [InlineData(nameof(CommandStatus.Failed), "INTERNAL_ERROR")]
    public void Uplink_results_map_to_Alexa_error_types(string status, string? errorType)
    {
        Assert.Equal(errorType, CommandAlexaErrors.FromCommandStatus(Enum.Parse<CommandStatus>(status)));
    }

    [Theory]
    [InlineData("ok", nameof(CommandStatus.Ok))]
    [InlineData("offline", nameof(CommandStatus.DeviceOffline))]
    [InlineData("timeout", nameof(CommandStatus.Timeout))]
    [InlineData("rejected", nameof(CommandStatus.Rejected))]
    [InlineData("error", nameof(CommandStatus.Failed))]
    [InlineData("something-new", nameof(CommandStatus.Failed))]
    public void Result_statuses_of_the_wire_map_to_command_statuses(string status, string expected)
    {
        var wire = System.Text.Json.JsonSerializer.Deserialize<ResultStatus>($"\"{status}\"", UplinkFrameSerializer.Options);
        Assert.Equal(Enum.Parse<CommandStatus>(expected), CommandOutcome.FromResultStatus(wire));
    }
}
