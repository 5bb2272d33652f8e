namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>Per account: the event-gateway tokens (encrypted at rest) and the grant's status for the support view.</summary>
internal interface IAssistantGrantStore
{
    Task<AssistantTokens?> GetTokensAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores the tokens; the grant becomes (or stays) active.</summary>
    Task SaveTokensAsync(string accountId, AssistantTokens tokens, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the tokens: the grant is lost for <paramref name="reason"/> since <paramref name="at"/>.</summary>
    Task DropTokensAsync(string accountId, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<AssistantGrantStatus> GetStatusAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The last report's outcome: status, and the event gateway's error code when it refused or failed.</summary>
    Task RecordReportAsync(string accountId, DateTimeOffset at, string status, string? error, CancellationToken cancellationToken);

    Task AddDroppedAsync(string accountId, long count, CancellationToken cancellationToken);
}
