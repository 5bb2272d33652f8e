using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Vendor;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>
/// One utterance: intent, endpoints, token, a directive to the vendor per device, and one spoken answer.
/// <paramref name="rooms"/> (the person's rooms) and <paramref name="discovery"/> ("discover devices")
/// are optional for hosts that need neither.
/// </summary>
internal sealed partial class UtteranceHandler(
    IAssistantStore store,
    AccessTokenProvider tokens,
    IVendorClient vendor,
    IOptions<AssistantOptions> names,
    TimeProvider time,
    AssistantMetrics metrics,
    ILogger<UtteranceHandler> logger,
    PersonRooms? rooms = null,
    DiscoveryService? discovery = null,
    IEndpointStateStore? states = null,
    DeferredResponses? deferred = null,
    EventGrantStore? grants = null)
{
    private const string Skill = Skills.VendorSkillId;
    private const string ExpiredCredential = "EXPIRED_AUTHORIZATION_CREDENTIAL";
    private const string InvalidCredential = "INVALID_AUTHORIZATION_CREDENTIAL";

    /// <summary>
    /// How long the store writes after the vendor has answered (recording a failure for the diagnosis, keeping a
    /// Response's state) may hold the person's answer: a store that is restarting would otherwise add its own timeout
    /// (seconds) to an answer that may already be at the budget (chaos monkey, seed 4).
    /// </summary>
    internal static readonly TimeSpan AfterAnswerStoreTimeout = TimeSpan.FromSeconds(1);

    public async Task<UtteranceResult> HandleAsync(string user, string text, CancellationToken cancellationToken)
    {
        // The request's server span, the root of the trace: renamed after the intent once it is parsed.
        var request = Activity.Current;
        using var activity = AssistantCloudTelemetry.Source.StartActivity("utterance");
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        var traceId = (activity ?? Activity.Current)?.TraceId.ToHexString();

        UtteranceResult result;
        var storeFailed = false;
        try
        {
            result = await HandleCoreAsync(user, text, request, cancellationToken) with { TraceId = traceId };
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // The assistant's own store is down: still an answer, not a 500.
            LogStoreUnavailable(ex.Message);
            storeFailed = true;
            result = new UtteranceResult(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, IntentParser.Parse(text)?.Intent, traceId, null, null, null);
        }

        activity?.SetTag(AssistantCloudTelemetry.IntentAttribute, result.Intent?.ToString());
        activity?.SetTag(AssistantCloudTelemetry.OutcomeAttribute, result.Outcome.ToString());
        activity?.SetTag(AssistantCloudTelemetry.DeviceAttribute, result.Device?.EndpointId);
        activity?.SetTag(AssistantCloudTelemetry.AlexaErrorTypeAttribute, result.ErrorType);
        if (FailedHops.For(result.Outcome, result.ErrorType, storeFailed) is { } failed)
        {
            // The person's command failed: the utterance says where, at a glance in the waterfall.
            activity.MarkFailedHop(failed, $"command failed at the {failed.Hop}: {result.ErrorType ?? result.Outcome.ToString()}");
            if (!storeFailed)
            {
                // A store that just failed would fail (slowly) again: nothing to record then.
                await RecordFailureAsync(user, text, result, failed, cancellationToken);
            }
        }

        metrics.Command(result.Outcome);
        LogHandled(user, result.Intent, result.Device?.EndpointId, result.Outcome, result.ErrorType);
        return result;
    }

    private async Task<UtteranceResult> HandleCoreAsync(string user, string text, Activity? request, CancellationToken cancellationToken)
    {
        var skillName = names.Value.SkillDisplayName;
        var assistantName = names.Value.AssistantDisplayName;

        var understood = IntentParser.Parse(text);
        // Traces are told apart in the dashboard's list by their root span's name.
        RequestSpanName.Set(request, understood is null ? "utterance not understood" : $"utterance {understood.Intent} {understood.DeviceName}");
        if (understood is not { } parsed)
        {
            return new(Speech.NotUnderstood, UtteranceOutcome.NotUnderstood, null, null, null, null, null);
        }

        // The link and the endpoints are read together: one Redis round trip (pipelined) instead of two.
        // The endpoints are only used for a live link.
        var linkRead = store.GetLinkAsync(user, Skill, cancellationToken);
        var endpointsRead = store.GetEndpointsAsync(user, Skill, cancellationToken);
        await Task.WhenAll(linkRead, endpointsRead);
        var link = await linkRead;
        if (link is null or { State: LinkState.Unlinked })
        {
            return new(Speech.NotLinked(skillName, assistantName), UtteranceOutcome.NotLinked, parsed.Intent, null, null, null, null);
        }

        // An expired link answers at once: no vendor call, and the person was already notified.
        if (link.State == LinkState.Expired)
        {
            return new(LinkExpiredNotice.Speech(names.Value), UtteranceOutcome.LinkExpired, parsed.Intent, null, null, null, null);
        }

        if (parsed.Intent == IntentKind.Discover)
        {
            return await DiscoverAsync(user, parsed, cancellationToken);
        }

        var endpoints = await endpointsRead;
        // The grammar matched: only now can a name be unknown (or name more than one device).
        var match = EndpointMatcher.Resolve(parsed.DeviceName, endpoints, rooms?.For(user));
        if (match.IsAmbiguous || match.IsSeveral && parsed.Intent is IntentKind.QueryPower or IntentKind.QueryBrightness)
        {
            return new(Speech.AmbiguousDevice(match.Candidates.Select(c => c.FriendlyName)), UtteranceOutcome.AmbiguousDevice, parsed.Intent, null, null, null, null);
        }

        if (match.IsSeveral)
        {
            return await SendToGroupAsync(user, parsed, match.Candidates, link, cancellationToken);
        }

        if (match.Endpoint is not { } endpoint)
        {
            return new(Speech.UnknownDevice(parsed.DeviceName), UtteranceOutcome.UnknownDevice, parsed.Intent, null, null, null, null);
        }

        return await SendAsync(user, parsed, endpoint, link, cancellationToken);
    }

    /// <summary>"Discover devices": the vendor is asked again, and the person's endpoint list replaced.</summary>
    private async Task<UtteranceResult> DiscoverAsync(string user, ParsedUtterance parsed, CancellationToken cancellationToken)
    {
        if (discovery is null)
        {
            return new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, null, null, null);
        }

        var found = await discovery.DiscoverAsync(user, Skill, cancellationToken);
        return found.Succeeded
            ? new(Speech.Discovered(found.EndpointCount), UtteranceOutcome.Success, parsed.Intent, null, null, null, null)
            : new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, null, null, null);
    }

    /// <summary>
    /// A command to a group: each device gets its own directive (one after the other, so that a refreshed
    /// token serves the rest) and gives its own answer; the person hears one reply. Brightness goes only to
    /// the devices that dim, as Alexa sends a group's command only to the members that support it.
    /// </summary>
    private async Task<UtteranceResult> SendToGroupAsync(string user, ParsedUtterance parsed, IReadOnlyList<DiscoveredEndpoint> group,
        AccountLink link, CancellationToken cancellationToken)
    {
        var dims = group.Where(e => e.Capabilities.Contains("Alexa.BrightnessController")).ToList();
        var targets = parsed.Intent is IntentKind.SetBrightness or IntentKind.AdjustBrightness && dims.Count > 0 ? dims : group;
        var answers = new List<UtteranceResult>(targets.Count);
        foreach (var endpoint in targets)
        {
            // The link as read serves the first device; after it, a refresh may have rotated the tokens.
            var answer = await SendAsync(user, parsed, endpoint, answers.Count == 0 ? link : null, cancellationToken);
            if (answer.Outcome is UtteranceOutcome.NotLinked or UtteranceOutcome.LinkExpired)
            {
                // The link, not a device: one answer for all.
                return answer with { Device = null };
            }

            answers.Add(answer);
        }

        var firstFailure = answers.FirstOrDefault(a => a.Outcome != UtteranceOutcome.Success);
        return new UtteranceResult(
            Speech.ForGroup([.. answers.Select(a => (a.Outcome == UtteranceOutcome.Success, a.Speech))]),
            firstFailure?.Outcome ?? UtteranceOutcome.Success, parsed.Intent, null, null, null, firstFailure?.ErrorType,
            [.. answers.Select(a => new DeviceAnswer(a.Device!.EndpointId, a.Device.FriendlyName, a.Outcome, a.Speech, a.State, a.ErrorType))]);
    }

    /// <summary>One directive to one endpoint, with Alexa's token rules, and the answer for it.</summary>
    private async Task<UtteranceResult> SendAsync(string user, ParsedUtterance parsed, DiscoveredEndpoint endpoint, AccountLink? link,
        CancellationToken cancellationToken)
    {
        var device = new DeviceReference(endpoint.EndpointId, endpoint.FriendlyName);
        if (await FromKnownStateAsync(user, parsed, endpoint, device, cancellationToken) is { } known)
        {
            return known;
        }

        var token = link is null
            ? await tokens.GetAccessTokenAsync(user, Skill, cancellationToken)
            : await tokens.GetAccessTokenAsync(link, cancellationToken);
        if (ForTokenProblem(token, parsed, device) is { } noToken)
        {
            return noToken;
        }

        AlexaEvent answer;
        try
        {
            answer = await SendDirectiveAsync(BuildDirective(parsed, endpoint, token.AccessToken!), cancellationToken);
            if (answer.ErrorType == ExpiredCredential)
            {
                // Alexa's rule: refresh once and retry once (the vendor did not act on a directive
                // it refused, so even AdjustBrightness is safe to send again). A second refusal is final.
                token = await tokens.RefreshRejectedAsync(user, Skill, token.AccessToken!, cancellationToken);
                if (ForTokenProblem(token, parsed, device) is { } notRefreshed)
                {
                    return notRefreshed with { ErrorType = ExpiredCredential };
                }

                answer = await SendDirectiveAsync(BuildDirective(parsed, endpoint, token.AccessToken!), cancellationToken);
            }
        }
        catch (VendorUnavailableException)
        {
            return new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, device, null, null);
        }

        if (answer.ErrorType == InvalidCredential)
        {
            // Alexa's rule: the tokens are dead; delete them and have the person link again.
            var invalidated = await tokens.InvalidateAsync(user, Skill, token.AccessToken!,
                $"the vendor refused the access token ({InvalidCredential})", cancellationToken);
            return (ForTokenProblem(invalidated, parsed, device)
                    ?? new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, device, null, null))
                with
            { State = answer.State, ErrorType = InvalidCredential };
        }

        if (answer.ErrorType == ExpiredCredential)
        {
            // Expired again right after a refresh: the vendor is not making sense; keep the link and say so.
            return new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, device, answer.State, ExpiredCredential);
        }

        await RememberStateAsync(user, endpoint, answer, cancellationToken);
        if (answer.IsError)
        {
            return new(Speech.ForError(answer.ErrorType, endpoint.FriendlyName, answer.ValidRange), UtteranceOutcome.DeviceError, parsed.Intent, null, device, answer.State, answer.ErrorType);
        }

        // A StateReport for an unreachable device is the vendor's way of saying it is offline.
        if (parsed.Intent is IntentKind.QueryPower or IntentKind.QueryBrightness && answer.State is { IsUnreachable: true })
        {
            const string unreachable = "ENDPOINT_UNREACHABLE";
            return new(Speech.ForError(unreachable, endpoint.FriendlyName, null), UtteranceOutcome.DeviceError, parsed.Intent, null, device, answer.State, unreachable);
        }

        return new(Speech.ForSuccess(parsed.Intent, endpoint.FriendlyName, answer.State), UtteranceOutcome.Success, parsed.Intent, null, device, answer.State, null);
    }

    /// <summary>Keeps the failure for the diagnosis; never lets that fail the utterance.</summary>
    private async Task RecordFailureAsync(string user, string text, UtteranceResult result, FailedHop failed, CancellationToken cancellationToken)
    {
        async Task RecordAsync()
        {
            var command = new FailedCommand(result.TraceId, time.GetUtcNow(), text, result.Outcome, result.ErrorType, failed.Hop);
            // NotLinked and LinkExpired answer before the endpoint is resolved: resolve it here, so that the
            // diagnosis of that device finds this failure rather than an older one.
            var endpointId = result.Device?.EndpointId;
            if (endpointId is null && IntentParser.Parse(text) is { } parsed)
            {
                endpointId = EndpointMatcher.Match(parsed.DeviceName, await store.GetEndpointsAsync(user, Skill, cancellationToken))?.EndpointId;
            }

            await store.RecordFailedCommandAsync(user, endpointId, command, cancellationToken);
        }

        try
        {
            await RecordAsync().WaitAsync(AfterAnswerStoreTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRecordFailed(ex.Message);
        }
    }

    /// <summary>The answer when there is no token to send, or null when there is one.</summary>
    private UtteranceResult? ForTokenProblem(AccessTokenResult token, ParsedUtterance parsed, DeviceReference device) => token.Status switch
    {
        AccessTokenStatus.Valid => null,
        AccessTokenStatus.NotLinked => new(Speech.NotLinked(names.Value.SkillDisplayName, names.Value.AssistantDisplayName),
            UtteranceOutcome.NotLinked, parsed.Intent, null, device, null, null),
        AccessTokenStatus.Expired => new(LinkExpiredNotice.Speech(names.Value), UtteranceOutcome.LinkExpired, parsed.Intent, null, device, null, null),
        _ => new(Speech.ServiceUnavailable, UtteranceOutcome.ServiceUnavailable, parsed.Intent, null, device, null, null),
    };

    internal static AlexaDirective BuildDirective(ParsedUtterance parsed, DiscoveredEndpoint endpoint, string token) => parsed.Intent switch
    {
        IntentKind.TurnOn => DirectiveBuilder.TurnOn(endpoint, token),
        IntentKind.TurnOff => DirectiveBuilder.TurnOff(endpoint, token),
        IntentKind.SetBrightness => DirectiveBuilder.SetBrightness(endpoint, token, parsed.Value ?? 0),
        IntentKind.AdjustBrightness => DirectiveBuilder.AdjustBrightness(endpoint, token, parsed.Value ?? 0),
        IntentKind.QueryPower or IntentKind.QueryBrightness => DirectiveBuilder.ReportState(endpoint, token),
        _ => throw new ArgumentOutOfRangeException(nameof(parsed), parsed.Intent, "Unknown intent"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Utterance of {User}: intent {Intent}, device {Device}, outcome {Outcome} {ErrorType}")]
    private partial void LogHandled(string user, IntentKind? intent, string? device, UtteranceOutcome outcome, string? errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a failed command for the diagnosis failed: {Reason}")]
    private partial void LogRecordFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The assistant's store is unavailable: {Reason}")]
    private partial void LogStoreUnavailable(string reason);
}
