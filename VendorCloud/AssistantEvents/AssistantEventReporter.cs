using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Turns what the vendor learns into events for the assistant (docs/protocols.md, "VendorCloud to the assistant's event
/// gateway"): a device's change into a ChangeReport with its cause, a device added into an AddOrUpdateReport, a deferred
/// directive's outcome into its asynchronous Response. Only for accounts whose grant is active; an account whose grant
/// is lost has the report counted as dropped. Queued in the trace of what caused it; <see cref="AssistantEventSender"/> sends.
/// </summary>
internal sealed partial class AssistantEventReporter(
    PendingEventQueue queue,
    IAssistantGrantStore store,
    AssistantEventMetrics metrics,
    IOptions<AssistantEventsOptions> options,
    ILogger<AssistantEventReporter> logger,
    IPendingEventJournal? journal = null)
{
    private const string PowerState = "powerState";
    private const string Brightness = "brightness";
    private const string Connectivity = "connectivity";

    private int _overflowing;

    public bool IsOn => options.Value.IsConfigured;

    /// <summary>
    /// A device's shadow went from <paramref name="previous"/> to <paramref name="current"/>; <paramref name="plugCause"/> is
    /// the plug's word for why (<see cref="ChangeCause"/>). A first sighting (no previous shadow) is not a change.
    /// </summary>
    public async Task DeviceChangedAsync(Device device, DeviceShadow? previous, DeviceShadow current, string? plugCause,
        CancellationToken cancellationToken)
    {
        if (!IsOn || previous is null)
        {
            return;
        }

        var dimmable = device.Kind.IsDimmable();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        if (current.PowerState is not null && current.PowerState != previous.PowerState)
        {
            changed.Add(PowerState);
        }

        if (dimmable && current.Brightness is not null && current.Brightness != previous.Brightness)
        {
            changed.Add(Brightness);
        }

        // A directive's own change is carried by its Response: not reported again.
        var cause = changed.Count > 0 ? ChangeCauses.OfStateChange(plugCause) : null;
        if (cause is null)
        {
            changed.Clear();
        }

        if (current.Online != previous.Online)
        {
            changed.Add(Connectivity);
            cause ??= ChangeCauses.OfAvailabilityChange;
        }

        if (cause is null)
        {
            return;
        }

        var properties = AlexaEvents.Properties(current.PowerState, dimmable ? current.Brightness : null, current.Online,
            current.UpdatedAt, 0, current.UpdatedAt);
        await EnqueueAsync(device.AccountId, $"change:{device.AccountId}/{device.DeviceId}",
            new ChangeReportDraft(device.DeviceId, cause, properties, changed), cancellationToken);
    }

    /// <summary>A device new in (or changed in) its account: an AddOrUpdateReport.</summary>
    public Task DeviceAddedAsync(Device device, CancellationToken cancellationToken) =>
        !IsOn
            ? Task.CompletedTask
            : EnqueueAsync(device.AccountId, $"discovery:{device.AccountId}/{device.DeviceId}",
                new MessageDraft("AddOrUpdateReport", device.DeviceId, token => ProactiveEvents.AddOrUpdateReport([device], token)),
                cancellationToken);

    /// <summary>A device gone from its account: a DeleteReport.</summary>
    public Task DeviceRemovedAsync(string accountId, string deviceId, CancellationToken cancellationToken) =>
        !IsOn
            ? Task.CompletedTask
            : EnqueueAsync(accountId, $"discovery:{accountId}/{deviceId}",
                new MessageDraft("DeleteReport", deviceId, token => ProactiveEvents.DeleteReport([deviceId], token)), cancellationToken);

    /// <summary>Whether a directive of the account may be deferred: only with an active grant can its answer follow as an event.</summary>
    public async Task<bool> CanDeferAsync(string accountId, CancellationToken cancellationToken) =>
        IsOn && (await store.GetStatusAsync(accountId, cancellationToken)).State == AssistantGrantStatus.Active;

    /// <summary>The outcome of a deferred directive, as its asynchronous Response or ErrorResponse.</summary>
    public Task AnswerDeferredAsync(string accountId, string correlationToken, string endpointId, string eventName,
        Func<string, AlexaMessage> build, CancellationToken cancellationToken) =>
        EnqueueAsync(accountId, $"response:{correlationToken}", new MessageDraft(eventName, endpointId, build), cancellationToken);

    private async Task EnqueueAsync(string accountId, string key, EventDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            var grant = await store.GetStatusAsync(accountId, cancellationToken);
            if (grant.State != AssistantGrantStatus.Active)
            {
                if (grant.State == AssistantGrantStatus.Lost)
                {
                    metrics.Event(draft.Name, AssistantEventMetrics.Dropped);
                    await store.AddDroppedAsync(accountId, 1, cancellationToken);
                }

                return;
            }

            var dropped = queue.Enqueue(new PendingEvent(accountId, key, draft, Activity.Current?.Context ?? default));
            if (journal is not null)
            {
                // Kept as queued (merged with an older one of the same key): a restart of the vendor loses nothing.
                if (queue.Find(key) is { } queued)
                {
                    await journal.SaveAsync(queued, cancellationToken);
                }

                if (dropped is not null)
                {
                    await journal.RemoveAsync(dropped.Key, cancellationToken);
                }
            }

            if (dropped is null)
            {
                Interlocked.Exchange(ref _overflowing, 0);
                return;
            }

            if (Interlocked.Exchange(ref _overflowing, 1) == 0)
            {
                LogQueueFull(logger, queue.Capacity);
            }

            metrics.Event(dropped.Draft.Name, AssistantEventMetrics.Dropped);
            await store.AddDroppedAsync(dropped.AccountId, 1, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A report must never fail what caused it (a frame from the home, a directive).
            LogNotQueued(logger, draft.Name, accountId, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The queue of reports for the assistant is full ({Capacity}): the oldest are dropped (counted per account) until it drains")]
    private static partial void LogQueueFull(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {EventName} of account {AccountId} could not be queued: {Error}")]
    private static partial void LogNotQueued(ILogger logger, string eventName, string accountId, string error);
}
