using System.Diagnostics;
using System.Text;
using SmartHome.DeviceGateway.Commands;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>What a failed command's trace says: the hop that broke and why (docs/protocols.md, "Failed commands in traces").</summary>
public sealed class CommandFailureTests : IDisposable
{
    private readonly ActivityRecorder _tracing = new(GatewayTelemetry.SourceName);

    public void Dispose() => _tracing.Dispose();

    [Fact]
    public void Offline_plug_is_the_plugs_hop_and_says_how_the_gateway_knows()
    {
        Assert.Equal(new FailedHop("plug", "the plug is offline: its last will (or its own goodbye) said so"),
            CommandResult.Offline("plug-1").Failure);
        Assert.Equal(new FailedHop("plug", "the gateway has not heard from the plug"),
            CommandResult.NeverHeard("plug-1").Failure);
        // To the vendor both are "offline", with the same error text as before.
        Assert.Equal(new CommandResult(ResultStatus.Offline, Error: "device 'plug-1' is offline", Failure: CommandFailure.PlugNeverHeard()),
            CommandResult.NeverHeard("plug-1"));
    }

    [Theory]
    [InlineData(5, "the plug did not answer within 5 s")]
    [InlineData(2.5, "the plug did not answer within 2.5 s")]
    public void Silent_plug_says_how_long_it_was_given(double seconds, string cause)
    {
        var result = CommandResult.TimedOut("plug-1", TimeSpan.FromSeconds(seconds));

        Assert.Equal(ResultStatus.Timeout, result.Status);
        Assert.Equal(new FailedHop("plug", cause), result.Failure);
    }

    [Fact]
    public void Rejection_quotes_the_plugs_own_error()
    {
        var result = CommandResult.FromResponse(Encoding.UTF8.GetBytes("""{"error":"invalid_command","message":"brightness must be 0..100"}"""));

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal("brightness must be 0..100", result.Error);
        Assert.Equal(new FailedHop("plug", "the plug rejected the command: brightness must be 0..100"), result.Failure);
    }

    [Theory]
    [InlineData("""[1,2]""", "the plug answered with something that is not a JSON object")]
    [InlineData("""not json""", "the plug answered with malformed JSON: ")]
    public void Unreadable_answer_is_the_plugs_fault(string payload, string causeStart)
    {
        var result = CommandResult.FromResponse(Encoding.UTF8.GetBytes(payload));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.StartsWith("the device answered with ", result.Error);
        Assert.Equal("plug", result.Failure!.Hop);
        Assert.StartsWith(causeStart, result.Failure.Cause);
    }

    [Fact]
    public void Gateway_side_failure_is_the_gateways_hop_with_the_reason()
    {
        var result = CommandResult.Failed("the broker refused the command: NotAuthorized");

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal(new FailedHop("gateway", "the broker refused the command: NotAuthorized"), result.Failure);
    }

    [Fact]
    public void Success_has_no_failure()
    {
        Assert.Null(CommandResult.Ok(new LightState("ON", 40)).Failure);
        Assert.Null(CommandResult.FromResponse(Encoding.UTF8.GetBytes("""{"state":"ON","brightness":40}""")).Failure);
    }

    [Fact]
    public void Uplink_closing_mid_command_is_the_uplinks_hop()
    {
        Assert.Equal("uplink", CommandFailure.UplinkClosed().Hop);
        Assert.Contains("uplink closed", CommandFailure.UplinkClosed().Cause);
    }

    [Fact]
    public void Recorded_failure_makes_the_span_an_error_with_hop_and_cause()
    {
        Activity? span;
        using (span = GatewayTelemetry.Source.StartActivity("process uplink command"))
        {
            span.Fail(CommandFailure.PlugSilent(TimeSpan.FromSeconds(5)));
        }

        Assert.NotNull(span);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("the plug did not answer within 5 s", span.StatusDescription);
        Assert.Equal("plug", span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("the plug did not answer within 5 s", span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public void Recording_without_a_span_does_nothing()
    {
        MessagingSpans.Fail(null, CommandFailure.PlugNeverHeard());
    }
}
