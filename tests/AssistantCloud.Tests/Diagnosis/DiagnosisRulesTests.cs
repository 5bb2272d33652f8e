using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;
using static SmartHome.AssistantCloud.Tests.Diagnosis.HealthyFacts;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

public class DiagnosisRulesTests
{
    private static readonly AssistantOptions Names = new() { SkillDisplayName = "My SmartHome", AssistantDisplayName = "Assistant" };

    private static DiagnosisReport Evaluate(DiagnosisFacts facts) => DiagnosisRules.Evaluate(facts, Names);

    private static HopReport Hop(DiagnosisReport report, string hop) => Assert.Single(report.Hops, h => h.Hop == hop);

    private static void AssertStatuses(DiagnosisReport report, params string[] statuses) =>
        Assert.Equal(statuses, report.Hops.Select(h => h.Status));

    private static void AssertFirstFailing(DiagnosisReport report, string hop)
    {
        Assert.False(report.Healthy);
        Assert.Equal(hop, report.FirstFailingHop);
        var failed = Hop(report, hop);
        Assert.Equal(HopStatus.Failed, failed.Status);
        Assert.Equal(failed.Cause, report.Cause);
        Assert.Equal(failed.Fix, report.Fix);
        Assert.False(string.IsNullOrWhiteSpace(report.Cause));
        Assert.False(string.IsNullOrWhiteSpace(report.Fix));
    }

    private const string Ok = HopStatus.Ok, Failed = HopStatus.Failed, Unknown = HopStatus.Unknown;

    [Fact]
    public void Healthy_chain_has_eight_ok_hops_in_order_and_the_lamp_says_what_the_plug_outputs()
    {
        var report = Evaluate(Facts);

        Assert.Equal(ChainHops.InOrder, report.Hops.Select(h => h.Hop));
        AssertStatuses(report, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok);
        Assert.True(report.Healthy);
        Assert.Null(report.FirstFailingHop);
        Assert.Null(report.Cause);
        Assert.Null(report.Fix);
        Assert.Equal("plug-1", report.EndpointId);
        Assert.All(report.Hops, h => Assert.Null(h.Cause));
        Assert.Contains("on at 40 percent", Hop(report, ChainHops.Lamp).Detail);
        Assert.Contains("bulb", Hop(report, ChainHops.Lamp).Detail);
    }

    [Fact]
    public void Lamp_with_the_plug_off_is_ok_and_dark()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Answered(GatewayView.WithPlug(true, new ReportedLightState("OFF", 40))) });

        Assert.True(report.Healthy);
        Assert.Contains("off", Hop(report, ChainHops.Lamp).Detail);
    }

    [Fact]
    public void Assistant_outage_fails_the_assistant_hop_but_the_rest_is_still_checked()
    {
        var report = Evaluate(Facts with { Assistant = Assistant with { Outage = true } });

        AssertFirstFailing(report, ChainHops.Assistant);
        Assert.Equal("The assistant's cloud is down.", report.Cause);
        Assert.Contains("try again later", report.Fix);
        AssertStatuses(report, Failed, Ok, Ok, Ok, Ok, Ok, Ok, Ok);
    }

    [Fact]
    public void Assistant_store_down_fails_the_assistant_and_hides_the_link()
    {
        var facts = Facts with
        {
            Assistant = AssistantFacts.StoreFailed(false, "timeout"),
            Vendor = VendorFacts.NotAsked("the device could not be looked up"),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Assistant);
        Assert.Contains("timeout", Hop(report, ChainHops.Assistant).Detail);
        // The home is still seen from the gateway; which plug is meant is not known.
        AssertStatuses(report, Failed, Unknown, Unknown, Ok, Ok, Ok, Unknown, Unknown);
    }

    [Fact]
    public void Unlinked_fails_the_link_and_later_hops_are_unknown_where_they_cannot_be_seen()
    {
        var facts = Facts with
        {
            Assistant = Assistant with { Link = LinkState.Unlinked, Endpoint = null },
            Vendor = VendorFacts.NotAsked("no discovered device has that name"),
            Gateway = GatewayFacts.NotAsked(GatewayFacts.NotConfigured),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Equal("Open the Assistant app and link My SmartHome again.", report.Fix);
        AssertStatuses(report, Ok, Failed, Unknown, Unknown, Unknown, Unknown, Unknown, Unknown);
        Assert.Contains(GatewayFacts.NotConfigured, Hop(report, ChainHops.Gateway).Detail);
    }

    [Fact]
    public void No_link_at_all_is_not_linked()
    {
        var report = Evaluate(Facts with { Assistant = Assistant with { Link = null } });

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Contains("not linked", report.Cause);
    }

    [Fact]
    public void Expired_link_says_link_your_accounts_again()
    {
        var report = Evaluate(Facts with { Assistant = Assistant with { Link = LinkState.Expired, LinkReason = "invalid_grant" } });

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Contains("expired", report.Cause);
        Assert.Contains("invalid_grant", Hop(report, ChainHops.Link).Detail);
        Assert.Equal("Open the Assistant app and link My SmartHome again.", report.Fix);
        // The rest of the chain is still seen through the support view and the gateway.
        AssertStatuses(report, Ok, Failed, Ok, Ok, Ok, Ok, Ok, Ok);
    }

    [Theory]
    [InlineData("revoked", "password_changed", "password was changed")]
    [InlineData("expired", "sign_in_age", "no sign-in for too long")]
    [InlineData("revoked", null, "ended the link")]
    public void Grant_ended_at_the_vendor_while_the_assistant_thinks_linked_fails_the_link(string state, string? reason, string expected)
    {
        var vendor = VendorView with { Grant = new VendorGrantView(state, reason, Now.AddDays(-3), Now.AddDays(-1)) };

        var report = Evaluate(Facts with { Vendor = VendorFacts.Answered(vendor) });

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Contains(expected, report.Cause);
        Assert.Contains(state, Hop(report, ChainHops.Link).Detail);
        Assert.Equal("Open the Assistant app and link My SmartHome again.", report.Fix);
        Assert.Equal(Ok, Hop(report, ChainHops.Vendor).Status);
    }

    [Fact]
    public void Device_not_among_the_discovered_endpoints_says_discover_again()
    {
        var facts = Facts with
        {
            Device = "kitchen lamp",
            Assistant = Assistant with { Endpoint = null },
            Vendor = VendorFacts.NotAsked("no discovered device has that name"),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Contains("kitchen lamp", report.Cause);
        Assert.Contains("discover devices again", report.Fix);
        Assert.Null(report.EndpointId);
        AssertStatuses(report, Ok, Failed, Unknown, Ok, Ok, Ok, Unknown, Unknown);
    }

    [Fact]
    public void Device_unknown_to_the_vendor_fails_the_link_with_discover_again()
    {
        var report = Evaluate(Facts with { Vendor = VendorFacts.NotFound() });

        AssertFirstFailing(report, ChainHops.Link);
        Assert.Contains("discover devices again", report.Fix);
        Assert.Equal(Ok, Hop(report, ChainHops.Vendor).Status);
    }

    [Theory]
    [InlineData("503", "HTTP 503", "down")]
    [InlineData("timeout", "600 ms", "too slow")]
    [InlineData("refused", "refused", "cannot be reached")]
    public void Vendor_without_an_answer_fails_the_vendor_hop(string problem, string detail, string cause)
    {
        var report = Evaluate(Facts with { Vendor = VendorFacts.Failed(problem) });

        AssertFirstFailing(report, ChainHops.Vendor);
        Assert.Contains(detail, Hop(report, ChainHops.Vendor).Detail);
        Assert.Contains(cause, report.Cause);
        Assert.Contains("Nothing to do at home", report.Fix);
        // Without the maker's view, the home is still seen from the gateway.
        AssertStatuses(report, Ok, Ok, Failed, Ok, Ok, Ok, Ok, Ok);
    }

    [Fact]
    public void Uplink_down_with_broadband_down_is_the_router_has_no_internet()
    {
        var facts = Facts with
        {
            Vendor = VendorFacts.Answered(VendorView with { Uplink = new VendorUplinkView(false, Now.AddMinutes(-1), Now.AddMinutes(-1)), Device = new VendorDeviceView(null, null, null) }),
            Gateway = GatewayFacts.Answered(GatewayView with { Broadband = "down", Uplink = new GatewayUplinkView(false, Now.AddMinutes(-1)) }),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Uplink);
        Assert.Equal("The router has no internet.", report.Cause);
        Assert.Contains("internet", report.Fix);
        AssertStatuses(report, Ok, Ok, Ok, Failed, Ok, Ok, Ok, Ok);
    }

    [Fact]
    public void Uplink_down_and_the_gateway_not_answering_is_no_power_or_restarting()
    {
        var facts = Facts with
        {
            Vendor = VendorFacts.Answered(VendorView with { Uplink = new VendorUplinkView(false, Now, Now), Device = new VendorDeviceView(null, null, null) }),
            Gateway = GatewayFacts.Failed("refused"),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Uplink);
        Assert.Contains("no power or is restarting", report.Cause);
        Assert.Contains("power", report.Fix);
        AssertStatuses(report, Ok, Ok, Ok, Failed, Failed, Unknown, Unknown, Unknown);
        Assert.Contains("refused", Hop(report, ChainHops.Gateway).Detail);
    }

    [Fact]
    public void Uplink_down_with_the_home_fine_is_the_gateway_cannot_reach_the_maker()
    {
        var facts = Facts with
        {
            Vendor = VendorFacts.Answered(VendorView with { Uplink = new VendorUplinkView(false, Now, Now) }),
        };

        var report = Evaluate(facts);

        AssertFirstFailing(report, ChainHops.Uplink);
        Assert.Equal("The gateway cannot reach the maker's cloud.", report.Cause);
    }

    [Fact]
    public void Broadband_down_seen_at_home_fails_the_uplink_before_the_vendor_notices()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Answered(GatewayView with { Broadband = "down" }) });

        AssertFirstFailing(report, ChainHops.Uplink);
        Assert.Equal("The router has no internet.", report.Cause);
    }

    [Fact]
    public void Uplink_is_seen_from_the_gateway_when_the_vendor_is_down()
    {
        var report = Evaluate(Facts with
        {
            Vendor = VendorFacts.Failed("timeout"),
            Gateway = GatewayFacts.Answered(GatewayView with { Uplink = new GatewayUplinkView(false, Now) }),
        });

        AssertFirstFailing(report, ChainHops.Vendor);
        Assert.Equal(Failed, Hop(report, ChainHops.Uplink).Status);
    }

    [Fact]
    public void Gateway_not_answering_with_the_uplink_up_fails_the_gateway()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Failed("timeout") });

        AssertFirstFailing(report, ChainHops.Gateway);
        Assert.Contains("400 ms", Hop(report, ChainHops.Gateway).Detail);
        Assert.Contains("after a restart wait a minute", report.Fix);
        // The plug is then judged as the maker last heard.
        AssertStatuses(report, Ok, Ok, Ok, Ok, Failed, Unknown, Ok, Ok);
    }

    [Fact]
    public void Band_off_is_first_and_the_plug_failed_too()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Answered(GatewayView.WithPlug(false) with { Band24 = "off" }) });

        AssertFirstFailing(report, ChainHops.Band);
        Assert.Equal("The router's 2.4 GHz band is off, and the plug speaks 2.4 GHz only.", report.Cause);
        Assert.Equal("Turn the 2.4 GHz band back on in the router's Wi-Fi settings.", report.Fix);
        AssertStatuses(report, Ok, Ok, Ok, Ok, Ok, Failed, Failed, Unknown);
        Assert.Contains("off the Wi-Fi", Hop(report, ChainHops.Plug).Cause);
    }

    [Fact]
    public void Plug_offline_at_the_gateway_says_check_power_and_range()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Answered(GatewayView.WithPlug(false)) });

        AssertFirstFailing(report, ChainHops.Plug);
        Assert.Contains("no power or is out of Wi-Fi range", report.Cause);
        Assert.Contains("plugged in", report.Fix);
        AssertStatuses(report, Ok, Ok, Ok, Ok, Ok, Ok, Failed, Unknown);
    }

    [Fact]
    public void Plug_the_gateway_never_heard_of_fails()
    {
        var report = Evaluate(Facts with { Gateway = GatewayFacts.Answered(GatewayView with { Devices = [] }) });

        AssertFirstFailing(report, ChainHops.Plug);
        Assert.Contains("never heard", Hop(report, ChainHops.Plug).Detail);
    }

    [Fact]
    public void Plug_offline_as_the_vendor_last_heard_when_the_gateway_cannot_be_asked()
    {
        var report = Evaluate(Facts with
        {
            Vendor = VendorFacts.Answered(VendorView with { Device = new VendorDeviceView(false, new ReportedLightState("ON", 40), Now) }),
            Gateway = GatewayFacts.NotAsked(GatewayFacts.NotConfigured),
        });

        AssertFirstFailing(report, ChainHops.Plug);
        Assert.Contains("as the maker last heard", Hop(report, ChainHops.Plug).Detail);
        AssertStatuses(report, Ok, Ok, Ok, Ok, Unknown, Unknown, Failed, Unknown);
    }

    [Fact]
    public void Nothing_seen_beyond_the_assistant_leaves_the_home_unknown_and_healthy_false_only_on_failure()
    {
        var report = Evaluate(Facts with
        {
            Vendor = VendorFacts.Answered(VendorView with { Uplink = null, Device = new VendorDeviceView(null, null, null) }),
            Gateway = GatewayFacts.NotAsked(GatewayFacts.NotConfigured),
        });

        AssertStatuses(report, Ok, Ok, Ok, Unknown, Unknown, Unknown, Unknown, Unknown);
        Assert.True(report.Healthy); // nothing seen failing
        Assert.Null(report.FirstFailingHop);
    }

    [Fact]
    public void The_last_failed_command_is_passed_through()
    {
        var failed = new FailedCommand("abc", Now, "turn on the bedroom lamp", UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", ChainHops.Plug);

        var report = Evaluate(Facts with { Assistant = Assistant with { LastFailedCommand = failed } });

        Assert.Same(failed, report.LastFailedCommand);
    }
}
