using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Skill;

/// <summary>
/// Deferred responses: a command the plug has not confirmed within the vendor's patience
/// (<c>AssistantEvents:DeferAfterMilliseconds</c>, 1.5 s) is answered at once with a DeferredResponse, and its outcome
/// follows as the asynchronous Response (or ErrorResponse) through the event gateway, with the directive's correlation
/// token. Only for an account whose grant to report is active: without event-gateway tokens the skill waits as before.
/// </summary>
internal sealed partial class DirectiveDeferral(
    AssistantEventReporter reporter,
    IOptions<AssistantEventsOptions> options,
    TimeProvider time,
    ILogger<DirectiveDeferral> logger)
{
    /// <summary>The estimate told to Alexa: the longest the vendor waits for the home (<see cref="HomeUplinks.ResultTimeout"/>).</summary>
    public static readonly int EstimatedDeferralSeconds = (int)Math.Ceiling(HomeUplinks.ResultTimeout.TotalSeconds);

    /// <summary>The DeferredResponse to answer with now, or null when the caller is to wait for <paramref name="answer"/> itself.</summary>
    public async Task<AlexaMessage?> TryDeferAsync(ParsedDirective directive, Device device,
        Task<(IReadOnlyList<AlexaProperty>? Properties, SkillFailure? Failure)> answer, CancellationToken cancellationToken)
    {
        if (!reporter.IsOn || directive.CorrelationToken is not { Length: > 0 } correlationToken)
        {
            return null;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waited = Task.Delay(options.Value.DeferAfter, time, patience.Token);
        var first = await Task.WhenAny(answer, waited);
        await patience.CancelAsync();
        if (first == answer || !await reporter.CanDeferAsync(device.AccountId, cancellationToken))
        {
            return null;
        }

        Activity.Current?.AddEvent(new ActivityEvent("deferred: the outcome follows through the event gateway"));
        LogDeferred(logger, device.DeviceId, options.Value.DeferAfterMilliseconds);
        _ = FollowUpAsync(correlationToken, device, answer);
        return AlexaEvents.DeferredResponse(directive, EstimatedDeferralSeconds);
    }

    /// <summary>Queues the outcome once the command has one (in the directive's trace: the context flows here).</summary>
    private async Task FollowUpAsync(string correlationToken, Device device, Task<(IReadOnlyList<AlexaProperty>? Properties, SkillFailure? Failure)> answer)
    {
        IReadOnlyList<AlexaProperty>? properties;
        SkillFailure? failure;
        try
        {
            (properties, failure) = await answer;
        }
        catch (Exception ex)
        {
            (properties, failure) = (null, new SkillFailure(Alexa.AlexaErrorTypes.InternalError,
                $"The vendor cloud could not process the directive ({ex.GetType().Name})."));
        }

        await reporter.AnswerDeferredAsync(device.AccountId, correlationToken, device.DeviceId, failure is null ? "Response" : "ErrorResponse",
            token => failure is null
                ? ProactiveEvents.Response(correlationToken, device.DeviceId, token, properties!)
                : ProactiveEvents.ErrorResponse(correlationToken, device.DeviceId, token, failure),
            CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Directive for {DeviceId} deferred: no answer from the plug within {PatienceMs} ms; its outcome follows as an event")]
    private static partial void LogDeferred(ILogger logger, string deviceId, int patienceMs);
}
