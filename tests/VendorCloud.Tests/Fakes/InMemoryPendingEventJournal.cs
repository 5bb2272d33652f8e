using System.Collections.Concurrent;
using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The journal of queued reports, in memory: what a restarted vendor would load back.</summary>
internal sealed class InMemoryPendingEventJournal : IPendingEventJournal
{
    private long _sequence;

    public ConcurrentDictionary<string, (long Sequence, PendingEvent Pending)> Kept { get; } = new();

    public Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        if (pending.Draft is ChangeReportDraft)
        {
            Kept[pending.Key] = (Interlocked.Increment(ref _sequence), pending);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        Kept.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task RemoveAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        foreach (var key in Kept.Where(k => k.Value.Pending.AccountId == accountId).Select(k => k.Key).ToList())
        {
            Kept.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingEvent>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingEvent>>([.. Kept.Values.OrderBy(k => k.Sequence).Select(k => k.Pending)]);
}
