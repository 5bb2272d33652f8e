using System.Globalization;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Hash <c>vendor:assistant-grant:{accountId}</c>: <c>tokens</c> (encrypted, <see cref="AssistantTokenProtector"/>),
/// <c>state</c>, <c>reason</c>, <c>since</c>, <c>last-report-at</c>, <c>last-report-status</c>, <c>last-report-error</c>,
/// <c>reports-dropped</c>.
/// </summary>
internal sealed class RedisAssistantGrantStore(IConnectionMultiplexer redis, AssistantTokenProtector protector) : IAssistantGrantStore
{
    private static RedisKey Key(string accountId) => $"vendor:assistant-grant:{accountId}";

    public async Task<AssistantTokens?> GetTokensAsync(string accountId, CancellationToken cancellationToken)
    {
        var stored = await redis.GetDatabase().HashGetAsync(Key(accountId), "tokens").WaitAsync(cancellationToken);
        return stored.IsNullOrEmpty ? null : protector.Unprotect(stored.ToString());
    }

    public Task SaveTokensAsync(string accountId, AssistantTokens tokens, DateTimeOffset at, CancellationToken cancellationToken) =>
        SaveAsync(accountId, protector.Protect(tokens), at, cancellationToken);

    private async Task SaveAsync(string accountId, string protectedTokens, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var wasActive = await database.HashGetAsync(Key(accountId), "state").WaitAsync(cancellationToken) == AssistantGrantStatus.Active;
        HashEntry[] fields = wasActive
            ? [new("tokens", protectedTokens)]
            : [new("tokens", protectedTokens), new("state", AssistantGrantStatus.Active), new("reason", ""), new("since", Time(at))];
        await database.HashSetAsync(Key(accountId), fields).WaitAsync(cancellationToken);
    }

    public Task DropTokensAsync(string accountId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.HashDeleteAsync(Key(accountId), "tokens");
        _ = transaction.HashSetAsync(Key(accountId),
            [new("state", AssistantGrantStatus.Lost), new("reason", reason), new("since", Time(at))]);
        return transaction.ExecuteAsync().WaitAsync(cancellationToken);
    }

    public async Task<AssistantGrantStatus> GetStatusAsync(string accountId, CancellationToken cancellationToken)
    {
        var fields = (await redis.GetDatabase().HashGetAllAsync(Key(accountId)).WaitAsync(cancellationToken))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        if (!fields.TryGetValue("state", out var state) || state.Length == 0)
        {
            return AssistantGrantStatus.Never with { ReportsDropped = Long(fields, "reports-dropped") };
        }

        return new AssistantGrantStatus(state, Text(fields, "reason"), At(fields, "since"), At(fields, "last-report-at"),
            Text(fields, "last-report-status"), Text(fields, "last-report-error"), Long(fields, "reports-dropped"));
    }

    public Task RecordReportAsync(string accountId, DateTimeOffset at, string status, string? error, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Key(accountId),
            [new("last-report-at", Time(at)), new("last-report-status", status), new("last-report-error", error ?? "")]).WaitAsync(cancellationToken);

    public Task AddDroppedAsync(string accountId, long count, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashIncrementAsync(Key(accountId), "reports-dropped", count).WaitAsync(cancellationToken);

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string? Text(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static DateTimeOffset? At(Dictionary<string, string> fields, string name) =>
        Text(fields, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    private static long Long(Dictionary<string, string> fields, string name) =>
        Text(fields, name) is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
