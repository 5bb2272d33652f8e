using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

public class FailedHopsTests
{
    [Theory]
    [InlineData(UtteranceOutcome.ServiceUnavailable, null, false, ChainHops.Vendor)]
    [InlineData(UtteranceOutcome.ServiceUnavailable, null, true, ChainHops.Assistant)]
    [InlineData(UtteranceOutcome.LinkExpired, null, false, ChainHops.Link)]
    [InlineData(UtteranceOutcome.NotLinked, null, false, ChainHops.Link)]
    [InlineData(UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", false, ChainHops.Plug)]
    [InlineData(UtteranceOutcome.DeviceError, "BRIDGE_UNREACHABLE", false, ChainHops.Uplink)]
    [InlineData(UtteranceOutcome.DeviceError, "NO_SUCH_ENDPOINT", false, ChainHops.Link)]
    [InlineData(UtteranceOutcome.DeviceError, "INVALID_AUTHORIZATION_CREDENTIAL", false, ChainHops.Link)]
    [InlineData(UtteranceOutcome.DeviceError, "EXPIRED_AUTHORIZATION_CREDENTIAL", false, ChainHops.Link)]
    [InlineData(UtteranceOutcome.DeviceError, "VALUE_OUT_OF_RANGE", false, ChainHops.Plug)]
    [InlineData(UtteranceOutcome.DeviceError, "INVALID_VALUE", false, ChainHops.Plug)]
    [InlineData(UtteranceOutcome.DeviceError, "INTERNAL_ERROR", false, ChainHops.Vendor)]
    [InlineData(UtteranceOutcome.DeviceError, null, false, ChainHops.Vendor)]
    public void Failed_outcomes_map_to_their_hop_with_a_cause(UtteranceOutcome outcome, string? errorType, bool storeFailed, string hop)
    {
        var failed = FailedHops.For(outcome, errorType, storeFailed);

        Assert.NotNull(failed);
        Assert.Equal(hop, failed.Hop);
        Assert.Contains(hop, ChainHops.InOrder);
        Assert.EndsWith(".", failed.Cause);
    }

    [Theory]
    [InlineData(UtteranceOutcome.Success)]
    [InlineData(UtteranceOutcome.NotUnderstood)]
    [InlineData(UtteranceOutcome.UnknownDevice)]
    public void Other_outcomes_are_no_failure_of_the_chain(UtteranceOutcome outcome) =>
        Assert.Null(FailedHops.For(outcome, null, storeFailed: false));
}
