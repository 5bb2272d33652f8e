using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.ServiceDefaults;
using static SmartHome.AssistantCloud.Tests.Diagnosis.HealthyFacts;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>The diagnosis' return path: stale state because the maker's reports are refused, from both sides' facts.</summary>
public class ReturnPathDiagnosisTests
{
    private static readonly AssistantOptions Names = new() { SkillDisplayName = "My SmartHome", AssistantDisplayName = "Assistant" };

    private static readonly EventGrant ActiveGrant = new("g-1", "owner", Skills.VendorSkillId, EventGrantStates.Active, Now.AddDays(-3), Now.AddDays(-3));

    private static DiagnosisReport Evaluate(ReturnPathFacts? own, VendorAssistantGrantView? maker = null) => DiagnosisRules.Evaluate(Facts with
    {
        Assistant = Assistant with { ReturnPath = own },
        Vendor = VendorFacts.Answered(VendorView with { AssistantGrant = maker }),
    }, Names);

    [Fact]
    public void A_working_return_path_leaves_the_chain_healthy()
    {
        var report = Evaluate(new ReturnPathFacts(ActiveGrant, new EventReport(Now.AddMinutes(-1), "Alexa.ChangeReport", "accepted", null), null),
            new VendorAssistantGrantView("active", null, Now.AddDays(-3), Now.AddMinutes(-1), "accepted", null, 0));

        Assert.True(report.Healthy);
    }

    [Fact]
    public void Refused_reports_after_a_refused_refresh_are_stale_state_whose_fix_is_to_link_again()
    {
        var own = new ReturnPathFacts(ActiveGrant,
            new EventReport(Now.AddMinutes(-1), "Alexa.ChangeReport", "refused", EventGatewayError.InvalidAccessToken),
            new TokenRefusal(Now.AddMinutes(-1), "refresh_token", "invalid_grant", "The refresh token has expired."));

        var report = Evaluate(own);

        Assert.Equal(ChainHops.Link, report.FirstFailingHop);
        Assert.Equal("The assistant shows stale state because the maker's reports are refused: the maker's permission to report has expired.", report.Cause);
        Assert.Contains("link My SmartHome again", report.Fix);
        Assert.Contains("INVALID_ACCESS_TOKEN_EXCEPTION", Assert.Single(report.Hops, h => h.Hop == ChainHops.Link).Detail);
    }

    [Fact]
    public void An_event_refused_before_its_body_was_read_is_told_by_its_time_alone()
    {
        var own = new ReturnPathFacts(ActiveGrant with { State = EventGrantStates.Revoked },
            new EventReport(Now.AddMinutes(-1), EventReport.UnreadName, "refused", EventGatewayError.InvalidAccessToken), null);

        var detail = Assert.Single(Evaluate(own).Hops, h => h.Hop == ChainHops.Link).Detail;

        Assert.Contains("The maker's last event (2026-11-26 11:59:00Z) was refused: INVALID_ACCESS_TOKEN_EXCEPTION.", detail);
        Assert.DoesNotContain(EventReport.UnreadName, detail);
    }

    [Fact]
    public void The_makers_lost_grant_alone_tells_it_too()
    {
        var report = Evaluate(null, new VendorAssistantGrantView("lost", "invalid_grant", Now.AddHours(-1), Now.AddMinutes(-2), "refused",
            EventGatewayError.InvalidAccessToken, 3));

        Assert.Equal(ChainHops.Link, report.FirstFailingHop);
        Assert.Contains("the maker's permission to report has expired", report.Cause);
        Assert.Contains("3 reports dropped", Assert.Single(report.Hops, h => h.Hop == ChainHops.Link).Detail);
    }

    [Fact]
    public void A_revoked_grant_is_named_as_revoked()
    {
        var report = Evaluate(new ReturnPathFacts(ActiveGrant with { State = EventGrantStates.Revoked, Reason = "simulated" }, null, null));

        Assert.Equal("The assistant shows stale state because the maker's reports are refused: the maker's permission to report was revoked.", report.Cause);
    }

    [Fact]
    public void An_expired_access_token_alone_is_no_problem_the_maker_refreshes_it()
    {
        var report = Evaluate(new ReturnPathFacts(ActiveGrant,
            new EventReport(Now.AddMinutes(-1), "Alexa.ChangeReport", "refused", EventGatewayError.InvalidAccessToken), null));

        Assert.True(report.Healthy);
    }

    [Fact]
    public void A_skill_without_a_return_path_is_not_reported_as_broken()
    {
        var report = Evaluate(new ReturnPathFacts(ActiveGrant with { State = EventGrantStates.Failed, Reason = "the skill answered AcceptGrant with INVALID_DIRECTIVE" }, null, null));

        Assert.True(report.Healthy);
    }

    [Fact]
    public void A_disabled_skill_says_the_makers_permission_to_report_ended_and_its_reports_are_refused()
    {
        var disabled = ActiveGrant with { State = EventGrantStates.Disabled, Reason = "the person disabled the skill", UpdatedAt = Now.AddMinutes(-2) };
        var report = DiagnosisRules.Evaluate(Facts with
        {
            Assistant = Assistant with
            {
                Link = SmartHome.AssistantCloud.Storage.LinkState.Unlinked,
                Endpoint = null,
                ReturnPath = new ReturnPathFacts(disabled, new EventReport(Now.AddMinutes(-1), "Alexa.ChangeReport", "refused", EventGatewayError.SkillDisabled), null),
            },
        }, Names);

        Assert.Equal("link", report.FirstFailingHop);
        var link = report.Hops.Single(h => h.Hop == "link").Detail;
        Assert.StartsWith("My SmartHome is not linked. The maker's permission to report ended when the skill was disabled", link);
        Assert.Contains("was refused: SKILL_DISABLED_EXCEPTION", link);
    }
}
