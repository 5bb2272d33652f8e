using System.Diagnostics;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>
/// The utterance's use of the return path: questions answered from the last known state (as Alexa does for a
/// proactively reported property: no ReportState), every answer's state remembered, and a DeferredResponse
/// waited out until its asynchronous Response reaches the event gateway.
/// </summary>
internal sealed partial class UtteranceHandler
{
    /// <summary>The longest deferral waited for, whatever the skill estimates: the person is waiting too.</summary>
    public static readonly TimeSpan LongestDeferral = TimeSpan.FromSeconds(30);

    /// <summary>Added to the skill's estimate: the Response still has to travel.</summary>
    public static readonly TimeSpan DeferralMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The answer to a question from the last known state, or null when the vendor must be asked: only for a
    /// property the skill reports proactively, and only while the skill may report (its event grant is active;
    /// a skill that cannot post ChangeReports would leave the state stale).
    /// </summary>
    private async Task<UtteranceResult?> FromKnownStateAsync(string user, ParsedUtterance parsed, DiscoveredEndpoint endpoint, DeviceReference device,
        CancellationToken cancellationToken)
    {
        if (states is null || grants is null || parsed.Intent is not (IntentKind.QueryPower or IntentKind.QueryBrightness)
            || (await grants.GetGrantAsync(user, Skill))?.State != EventGrantStates.Active)
        {
            return null;
        }

        var (@interface, property) = parsed.Intent == IntentKind.QueryPower
            ? (DirectiveBuilder.PowerController, "powerState")
            : (DirectiveBuilder.BrightnessController, "brightness");
        if (!endpoint.Reports(@interface, property) || await states.GetAsync(user, Skill, endpoint.EndpointId, cancellationToken) is not { } known)
        {
            return null;
        }

        var state = known.AsDeviceState;
        var answered = state.IsUnreachable || (parsed.Intent == IntentKind.QueryPower ? state.PowerState is not null : state.Brightness is not null);
        if (!answered)
        {
            return null;
        }

        Activity.Current?.AddEvent(new ActivityEvent($"answered from the last known state ({known.Source}): no ReportState sent"));
        Activity.Current?.SetTag("smarthome.state.source", known.Source);
        if (state.IsUnreachable)
        {
            const string unreachable = "ENDPOINT_UNREACHABLE";
            return new(Speech.ForError(unreachable, endpoint.FriendlyName, null), UtteranceOutcome.DeviceError, parsed.Intent, null, device, state, unreachable,
                AnsweredFrom: known);
        }

        return new(Speech.ForSuccess(parsed.Intent, endpoint.FriendlyName, state), UtteranceOutcome.Success, parsed.Intent, null, device, state, null,
            AnsweredFrom: known);
    }

    /// <summary>The vendor's answer; for a DeferredResponse, the asynchronous one (or a timeout error of the assistant's own).</summary>
    private async Task<AlexaEvent> SendDirectiveAsync(AlexaDirective directive, CancellationToken cancellationToken)
    {
        if (directive.CorrelationToken is not { } correlationToken)
        {
            return await vendor.SendAsync(directive, cancellationToken);
        }

        // Registered before sending: the Response may reach the gateway before the DeferredResponse reaches us.
        using var waiter = deferred?.Expect(correlationToken);
        var answer = await vendor.SendAsync(directive, cancellationToken);
        if (!answer.IsDeferred)
        {
            return answer;
        }

        var estimate = TimeSpan.FromSeconds(Math.Max(0, answer.EstimatedDeferralSeconds ?? 0));
        var patience = (estimate < LongestDeferral ? estimate : LongestDeferral) + DeferralMargin;
        Activity.Current?.AddEvent(new ActivityEvent($"deferred: waiting up to {patience.TotalSeconds:0} s for the asynchronous Response"));
        var arrived = waiter is null ? null : await waiter.WaitAsync(patience, time, cancellationToken);
        if (arrived is not null)
        {
            Activity.Current?.AddEvent(new ActivityEvent($"asynchronous {arrived.Name} arrived"));
            return arrived;
        }

        LogDeferredTimeout(directive.QualifiedName, patience.TotalSeconds);
        return new AlexaEvent(DirectiveBuilder.Alexa, "ErrorResponse", correlationToken, answer.EndpointId, null, Speech.DeferredTimeout,
            $"no asynchronous Response within {patience.TotalSeconds:0} s", null, []);
    }

    /// <summary>A Response's or StateReport's context is the endpoint's state now: kept as its last known state.</summary>
    private async Task RememberStateAsync(string user, DiscoveredEndpoint endpoint, AlexaEvent answer, CancellationToken cancellationToken)
    {
        if (states is null || answer.IsError || answer.State is null)
        {
            return;
        }

        var source = answer.Name == "StateReport" ? KnownStateSources.StateReport : KnownStateSources.Response;
        try
        {
            // The device has acted: a store that is restarting must not hold the person's answer past the budget.
            await states.UpdateAsync(user, Skill, endpoint.EndpointId, answer.State, time.GetUtcNow(), source, cancellationToken)
                .WaitAsync(AfterAnswerStoreTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            LogRecordFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Directive} was deferred and no asynchronous Response came within {Seconds:0} s")]
    private partial void LogDeferredTimeout(string directive, double seconds);
}
