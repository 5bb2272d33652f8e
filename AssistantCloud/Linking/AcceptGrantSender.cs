using System.Diagnostics;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// When a link completes: a new event grant and its code, sent to the skill in Alexa.Authorization.AcceptGrant
/// with the person's token at the skill. The skill exchanges the code at <c>/auth/o2/token</c> for the tokens it
/// posts events with. The outcome is kept on the grant (the skills view shows it).
/// </summary>
internal sealed partial class AcceptGrantSender(LwaTokenService tokens, IVendorClient vendor, ILogger<AcceptGrantSender> logger)
{
    public const string AcceptGrantFailed = "ACCEPT_GRANT_FAILED";

    /// <summary>The start of a failed grant's reason when the skill could not be reached (the only failure worth retrying).</summary>
    public const string NoAnswerReason = "the skill did not answer AcceptGrant";

    public async Task<AcceptGrantOutcome> SendAsync(string user, string skill, string granteeToken, CancellationToken cancellationToken)
    {
        using var activity = AssistantCloudTelemetry.Source.StartActivity("accept grant");
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        activity?.SetTag(AssistantCloudTelemetry.SkillAttribute, skill);
        var code = await tokens.IssueGrantCodeAsync(user, skill);

        AlexaEvent answer;
        try
        {
            answer = await vendor.SendAsync(DirectiveBuilder.AcceptGrant(code, granteeToken), cancellationToken);
        }
        catch (VendorUnavailableException ex)
        {
            return await NotAcceptedAsync(activity, user, skill, AcceptGrantOutcome.NotAnswered, $"{NoAnswerReason} ({ex.Message})");
        }

        if (answer is { Namespace: DirectiveBuilder.Authorization, Name: "AcceptGrant.Response" })
        {
            activity?.SetTag(AssistantCloudTelemetry.OAuthOutcomeAttribute, "accepted");
            LogAccepted(user, skill);
            return AcceptGrantOutcome.Accepted;
        }

        return answer.ErrorType == AcceptGrantFailed
            ? await NotAcceptedAsync(activity, user, skill, AcceptGrantOutcome.Failed, "accept_grant_failed")
            : await NotAcceptedAsync(activity, user, skill, AcceptGrantOutcome.NotAnswered,
                $"the skill answered AcceptGrant with {answer.ErrorType ?? answer.Name}");
    }

    private async Task<AcceptGrantOutcome> NotAcceptedAsync(Activity? activity, string user, string skill, AcceptGrantOutcome outcome, string reason)
    {
        activity?.SetTag(AssistantCloudTelemetry.OAuthOutcomeAttribute, outcome.ToString());
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        await tokens.EndGrantAsync(user, skill, EventGrantStates.Failed, reason);
        LogNotAccepted(user, skill, reason);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The skill accepted the event grant of {User} on {Skill}")]
    private partial void LogAccepted(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The skill did not accept the event grant of {User} on {Skill}: {Reason}")]
    private partial void LogNotAccepted(string user, string skill, string reason);
}

/// <summary>
/// How AcceptGrant went. <see cref="Failed"/> (ACCEPT_GRANT_FAILED) fails the link, as Amazon's does ("We were
/// unable to link"); <see cref="NotAnswered"/> (no answer, or another error: a skill that does not ask for event
/// permission) leaves the link working without a return path.
/// </summary>
public enum AcceptGrantOutcome
{
    Accepted,
    Failed,
    NotAnswered,
}
