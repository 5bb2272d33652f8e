using System.Diagnostics;
using System.Text.Json;
using SmartHome.VendorCloud.Skill;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Hash <c>vendor:assistant-events:pending</c>: one field per queued ChangeReport (its queue key, which names the account
/// and the endpoint), the report's content and its trace as JSON. Bounded as the queue is (<c>QueueCapacity</c>, 10,000):
/// what the queue drops or sends leaves the hash too. Only ChangeReports are kept: a deferred directive's Response is
/// of no use after the assistant's wait, and Discovery reports follow the directory, which the seeding rebuilds.
/// Never a token: a report gets its token when it is sent.
/// </summary>
internal sealed class RedisPendingEventJournal(IConnectionMultiplexer redis, TimeProvider time) : IPendingEventJournal
{
    public const string Key = "vendor:assistant-events:pending";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Database => redis.GetDatabase();

    public Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        if (pending.Draft is not ChangeReportDraft change)
        {
            return Task.CompletedTask;
        }

        var kept = new KeptChangeReport(pending.AccountId, change.Endpoint, change.Cause, change.Properties, [.. change.Changed],
            TraceParent(pending.Parent), time.GetUtcNow().ToUnixTimeMilliseconds());
        return Database.HashSetAsync(Key, pending.Key, JsonSerializer.Serialize(kept, Json)).WaitAsync(cancellationToken);
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => Database.HashDeleteAsync(Key, key).WaitAsync(cancellationToken);

    public async Task RemoveAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var fields = new List<RedisValue>();
        await foreach (var entry in Database.HashScanAsync(Key, $"change:{accountId}/*").WithCancellation(cancellationToken))
        {
            fields.Add(entry.Name);
        }

        if (fields.Count > 0)
        {
            await Database.HashDeleteAsync(Key, [.. fields]).WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PendingEvent>> LoadAsync(CancellationToken cancellationToken)
    {
        var entries = await Database.HashGetAllAsync(Key).WaitAsync(cancellationToken);
        var loaded = new List<(long At, PendingEvent Pending)>();
        foreach (var entry in entries)
        {
            if (JsonSerializer.Deserialize<KeptChangeReport>(entry.Value.ToString(), Json) is not { } kept)
            {
                continue;
            }

            var parent = ActivityContext.TryParse(kept.TraceParent, null, out var context) ? context : default;
            var draft = new ChangeReportDraft(kept.Endpoint, kept.Cause, kept.Properties, new HashSet<string>(kept.Changed, StringComparer.Ordinal));
            loaded.Add((kept.QueuedAt, new PendingEvent(kept.AccountId, entry.Name.ToString(), draft, parent)));
        }

        return [.. loaded.OrderBy(l => l.At).Select(l => l.Pending)];
    }

    private static string? TraceParent(ActivityContext context) => context == default
        ? null
        : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(int)context.TraceFlags:x2}";

    /// <summary>A ChangeReport as kept: its content, the trace it belongs to, when it was queued (for the order).</summary>
    private sealed record KeptChangeReport(string AccountId, string Endpoint, string Cause, IReadOnlyList<AlexaProperty> Properties,
        IReadOnlyList<string> Changed, string? TraceParent, long QueuedAt);
}
