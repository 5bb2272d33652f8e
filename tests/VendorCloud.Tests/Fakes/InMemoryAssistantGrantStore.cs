using System.Collections.Concurrent;
using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The grant store of <see cref="RedisAssistantGrantStore"/> in memory (tokens kept as they are: no Redis to protect them from).</summary>
internal sealed class InMemoryAssistantGrantStore : IAssistantGrantStore
{
    public ConcurrentDictionary<string, AssistantTokens> Tokens { get; } = new();

    public ConcurrentDictionary<string, AssistantGrantStatus> Statuses { get; } = new();

    public Task<AssistantTokens?> GetTokensAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Tokens.GetValueOrDefault(accountId));

    public Task SaveTokensAsync(string accountId, AssistantTokens tokens, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Tokens[accountId] = tokens;
        Update(accountId, status => status.State == AssistantGrantStatus.Active
            ? status
            : status with { State = AssistantGrantStatus.Active, Reason = null, Since = at });
        return Task.CompletedTask;
    }

    public Task DropTokensAsync(string accountId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Tokens.TryRemove(accountId, out _);
        Update(accountId, status => status with { State = AssistantGrantStatus.Lost, Reason = reason, Since = at });
        return Task.CompletedTask;
    }

    public Task<AssistantGrantStatus> GetStatusAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Statuses.GetValueOrDefault(accountId) ?? AssistantGrantStatus.Never);

    public Task RecordReportAsync(string accountId, DateTimeOffset at, string status, string? error, CancellationToken cancellationToken)
    {
        Update(accountId, current => current with { LastReportAt = at, LastReportStatus = status, LastReportError = error });
        return Task.CompletedTask;
    }

    public Task AddDroppedAsync(string accountId, long count, CancellationToken cancellationToken)
    {
        Update(accountId, status => status with { ReportsDropped = status.ReportsDropped + count });
        return Task.CompletedTask;
    }

    /// <summary>An active grant with these tokens, as AcceptGrant leaves it.</summary>
    public void Grant(string accountId, AssistantTokens tokens, DateTimeOffset at)
    {
        Tokens[accountId] = tokens;
        Statuses[accountId] = AssistantGrantStatus.Never with { State = AssistantGrantStatus.Active, Since = at };
    }

    private void Update(string accountId, Func<AssistantGrantStatus, AssistantGrantStatus> change) =>
        Statuses.AddOrUpdate(accountId, _ => change(AssistantGrantStatus.Never), (_, status) => change(status));
}
