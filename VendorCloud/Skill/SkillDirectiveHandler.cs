using System.Diagnostics;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Skill;

/// <summary>Answers Alexa directives: token, endpoint ownership, then the directive itself.</summary>
internal sealed partial class SkillDirectiveHandler(
    AuthorizationServer authorization,
    IVendorDirectory directory,
    IDeviceShadowStore shadows,
    IHomeUplinks uplinks,
    GrantAcceptance grants,
    DirectiveDeferral deferral,
    VendorMetrics metrics,
    TimeProvider time,
    ILogger<SkillDirectiveHandler> logger)
{
    /// <summary>Uncertainty reported for a state the device did not confirm (set, but not echoed back).</summary>
    private const int UnconfirmedUncertaintyMilliseconds = 1000;

    public async Task<AlexaMessage> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var directive = DirectiveParser.Parse(body.Span);
        using var activity = VendorCloudTelemetry.Source.StartActivity(
            directive.Namespace is null ? "alexa directive" : $"alexa directive {directive.Namespace}.{directive.Name}");
        activity?.SetTag("alexa.directive.namespace", directive.Namespace);
        activity?.SetTag("alexa.directive.name", directive.Name);
        activity?.SetTag("alexa.endpoint.id", directive.EndpointId);

        var (message, failure) = directive.Failure is { } malformed
            ? (AlexaEvents.Error(directive, malformed), malformed)
            : await DispatchSafelyAsync(directive, activity, cancellationToken);

        if (failure is not null)
        {
            activity?.SetTag("alexa.error.type", failure.Type);
            activity?.SetTag("alexa.error.message", failure.Message);
            MarkFailure(activity, failure);
            LogDirectiveFailed(logger, directive.Namespace ?? "?", directive.Name ?? "?", failure.Type, failure.Message);
        }

        // A malformed directive's header is the caller's text: not a metric dimension (unbounded cardinality).
        var understood = directive.Failure is null;
        metrics.Directive(understood ? directive.Namespace : "(malformed)", understood ? directive.Name : "(malformed)",
            failure?.Type ?? VendorMetrics.Success);
        return message;
    }

    /// <summary>
    /// An expired access token is Alexa's protocol at work (the assistant refreshes and sends again), not a failed
    /// command: an event, not an error. Any other failure is red; one the vendor decided itself (the link, the
    /// request) is renamed to what happened, one that came back from the home is named by the command's own span.
    /// </summary>
    private static void MarkFailure(Activity? activity, SkillFailure failure)
    {
        if (failure.Type == AlexaErrorTypes.ExpiredAuthorizationCredential)
        {
            activity?.AddEvent(new ActivityEvent("access token expired: the assistant refreshes it and sends again"));
            return;
        }

        var failed = DirectiveFailedHops.Of(failure.Type, failure.Command, failure.CommandError, failure.LinkReason);
        if (activity is null)
        {
            return;
        }

        var headline = failure.Command is not null
            ? $"{activity.DisplayName}: {failure.Type}"
            : failure.LinkReason is { } reason
                ? $"link {(RevocationReasons.IsExpiry(reason) ? "expired" : "revoked")}: {reason} ({failure.Type})"
                : $"{failed.Hop}: {failure.Message.TrimEnd('.')} ({failure.Type})";
        activity.MarkFailedHop(failed, headline);
    }

    private async Task<(AlexaMessage, SkillFailure?)> DispatchSafelyAsync(ParsedDirective directive, Activity? activity,
        CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(directive, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that is briefly away must still get Alexa an answer in Alexa's terms.
            activity?.AddException(ex);
            return Fail(directive, AlexaErrorTypes.InternalError, $"The vendor cloud could not process the directive ({ex.GetType().Name}).");
        }
    }

    private async Task<(AlexaMessage, SkillFailure?)> DispatchAsync(ParsedDirective directive, Activity? activity,
        CancellationToken cancellationToken)
    {
        // The device's id is unique only within the token's account, and it is used only once the token is valid.
        var (token, deviceRead) = await CheckTokenBesideDeviceAsync(directive, cancellationToken);
        if (directive.Kind == DirectiveKind.AcceptGrant)
        {
            return await AcceptGrantAsync(directive, token, activity, cancellationToken);
        }

        switch (token.Status)
        {
            case AccessTokenStatus.Invalid:
                if (token.LinkReason is not null)
                {
                    activity?.SetTag("smarthome.link.reason", token.LinkReason);
                }

                return Fail(directive, new SkillFailure(AlexaErrorTypes.InvalidAuthorizationCredential, token.LinkReason is null
                    ? "The access token is not valid."
                    : $"The access token is not valid: the account link has ended ({token.LinkReason}).", LinkReason: token.LinkReason));
            case AccessTokenStatus.Expired:
                return Fail(directive, AlexaErrorTypes.ExpiredAuthorizationCredential, "The access token has expired.");
        }

        activity?.SetTag("smarthome.account.id", token.AccountId);
        if (directive.Kind == DirectiveKind.Discover)
        {
            var devices = await directory.ListAccountDevicesAsync(token.AccountId!, cancellationToken);
            return (AlexaEvents.DiscoverResponse(devices), null);
        }

        var device = await deviceRead;
        if (device is null || device.AccountId != token.AccountId)
        {
            // Another account's device is answered exactly like one that does not exist.
            return Fail(directive, AlexaErrorTypes.NoSuchEndpoint, "The endpoint does not exist.");
        }

        activity?.SetTag("smarthome.home.id", device.HomeId);
        activity?.SetTag("smarthome.device.id", device.DeviceId);
        return directive.Kind == DirectiveKind.ReportState
            ? (await ReportStateAsync(directive, device, cancellationToken), null)
            : await ControlAsync(directive, device, cancellationToken);
    }

    /// <summary>AcceptGrant: the grantee token names the account whose event-gateway tokens the grant code is exchanged for.</summary>
    private async Task<(AlexaMessage, SkillFailure?)> AcceptGrantAsync(ParsedDirective directive, AccessTokenCheck token, Activity? activity,
        CancellationToken cancellationToken)
    {
        if (token.Status != AccessTokenStatus.Valid)
        {
            return Fail(directive, AlexaErrorTypes.AcceptGrantFailed, "The grantee token is not a valid access token of this skill.");
        }

        activity?.SetTag("smarthome.account.id", token.AccountId);
        var failure = await grants.AcceptAsync(token.AccountId!, directive.GrantCode!, cancellationToken);
        return failure is null ? (AlexaEvents.AcceptGrantResponse(), null) : Fail(directive, failure);
    }

    /// <summary>
    /// The token's check, and beside it the read of the directive's device in the account the token's record names:
    /// the grant, the account and the device's set go to Redis together instead of one after the other. The device
    /// read is finished (its failure kept for whoever awaits it) before the check is returned.
    /// </summary>
    private async Task<(AccessTokenCheck Token, Task<Device?> Device)> CheckTokenBesideDeviceAsync(ParsedDirective directive,
        CancellationToken cancellationToken)
    {
        var record = await authorization.FindAccessTokenAsync(directive.Token, cancellationToken);
        var device = record is not null && directive.Kind != DirectiveKind.Discover && directive.EndpointId is { } endpointId
            ? directory.FindAccountDeviceAsync(record.AccountId, endpointId, cancellationToken)
            : Task.FromResult<Device?>(null);
        try
        {
            return (await authorization.ValidateAccessTokenAsync(record, cancellationToken), device);
        }
        finally
        {
            await ((Task)device).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<AlexaMessage> ReportStateAsync(ParsedDirective directive, Device device, CancellationToken cancellationToken)
    {
        var shadow = await shadows.GetAsync(device.HomeId, device.DeviceId, cancellationToken);
        var reachable = await uplinks.GetConnectivityAsync(device.HomeId, device.DeviceId, shadow, cancellationToken) == DeviceConnectivity.Online;
        var now = time.GetUtcNow();
        var sampledAt = shadow?.UpdatedAt ?? now;
        // A reachable device's shadow is current; otherwise it is as old as its last report.
        var uncertainty = reachable ? 0 : (int)Math.Clamp((now - sampledAt).TotalMilliseconds, 0, int.MaxValue);
        return AlexaEvents.StateReport(directive, device.DeviceId,
            AlexaEvents.Properties(shadow?.PowerState, device.Kind.IsDimmable() ? shadow?.Brightness : null, reachable, sampledAt, uncertainty, now));
    }

    private async Task<(AlexaMessage, SkillFailure?)> ControlAsync(ParsedDirective directive, Device device, CancellationToken cancellationToken)
    {
        if (directive.Kind is DirectiveKind.SetBrightness or DirectiveKind.AdjustBrightness && !device.Kind.IsDimmable())
        {
            // Not among the endpoint's discovered capabilities: a directive it cannot take.
            return Fail(directive, AlexaErrorTypes.InvalidDirective, "The endpoint does not support Alexa.BrightnessController.");
        }

        // Only a relative step needs the level before the command; the others read the shadow afterwards, and
        // only when the plug did not confirm its state (one Redis round trip fewer on the way down).
        var shadow = directive.Kind == DirectiveKind.AdjustBrightness ? await shadows.GetAsync(device.HomeId, device.DeviceId, cancellationToken) : null;
        var (command, invalid) = LightCommands.ToCommand(directive.Kind, directive.Payload, shadow?.Brightness);
        if (invalid is not null)
        {
            return (AlexaEvents.Error(directive, invalid), invalid);
        }

        // The command is not cut short by the request ending: once deferred, its outcome still goes to the assistant.
        var answer = AnswerAsync(directive, device, command!, shadow);
        if (await deferral.TryDeferAsync(directive, device, answer, cancellationToken) is { } deferred)
        {
            return (deferred, null);
        }

        var (properties, failure) = await answer.WaitAsync(cancellationToken);
        return failure is null
            ? (AlexaEvents.Response(directive, device.DeviceId, properties!), null)
            : Fail(directive, failure);
    }

    /// <summary>The command's outcome as the properties to answer with, or the failure to answer with instead.</summary>
    private async Task<(IReadOnlyList<AlexaProperty>? Properties, SkillFailure? Failure)> AnswerAsync(ParsedDirective directive, Device device,
        LightState command, DeviceShadow? shadow)
    {
        var outcome = await uplinks.SendCommandAsync(device.HomeId, device.DeviceId, command, CancellationToken.None);
        if (CommandAlexaErrors.FromCommandStatus(outcome.Status) is { } errorType)
        {
            return (null, new SkillFailure(errorType, DescribeFailure(outcome), Command: outcome.Status, CommandError: outcome.Error));
        }

        if (outcome.State is null && directive.Kind != DirectiveKind.AdjustBrightness)
        {
            shadow = await shadows.GetAsync(device.HomeId, device.DeviceId, CancellationToken.None);
        }

        var now = time.GetUtcNow();
        var (power, brightness, uncertainty) = outcome.State is { } confirmed
            ? (confirmed.State, confirmed.Brightness, 0)
            : (command.State ?? (command.Brightness > 0 ? "ON" : shadow?.PowerState), command.Brightness ?? shadow?.Brightness,
                UnconfirmedUncertaintyMilliseconds);
        return (AlexaEvents.Properties(power, device.Kind.IsDimmable() ? brightness : null, reachable: true, now, uncertainty, now), null);
    }

    private static string DescribeFailure(CommandOutcome outcome) => outcome.Status switch
    {
        CommandStatus.DeviceOffline => "The device is offline.",
        CommandStatus.Timeout => "The device did not answer in time.",
        CommandStatus.BridgeUnreachable => "The home's hub is not connected to the cloud.",
        CommandStatus.Rejected => $"The device rejected the command: {outcome.Error}",
        _ => $"The command failed: {outcome.Error}",
    };

    private static (AlexaMessage, SkillFailure) Fail(ParsedDirective directive, string type, string message) =>
        Fail(directive, new SkillFailure(type, message));

    private static (AlexaMessage, SkillFailure) Fail(ParsedDirective directive, SkillFailure failure) =>
        (AlexaEvents.Error(directive, failure), failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directive {Namespace}.{Name} failed with {ErrorType}: {Cause}")]
    private static partial void LogDirectiveFailed(ILogger logger, string @namespace, string name, string errorType, string cause);
}
