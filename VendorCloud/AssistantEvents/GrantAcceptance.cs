using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// AcceptGrant: exchanges the grant code at the assistant's token service and stores the account's event-gateway tokens.
/// A failed exchange leaves the account without tokens, its grant lost (<c>accept_grant_failed</c>): the maker cannot report.
/// The code and the tokens are never logged.
/// </summary>
internal sealed partial class GrantAcceptance(
    IAssistantTokenClient tokens,
    IAssistantGrantStore store,
    TimeProvider time,
    ILogger<GrantAcceptance> logger)
{
    /// <summary>Null when the grant was accepted; else the ACCEPT_GRANT_FAILED to answer with.</summary>
    public async Task<SkillFailure?> AcceptAsync(string accountId, string code, CancellationToken cancellationToken)
    {
        var result = await tokens.ExchangeCodeAsync(code, cancellationToken);
        if (result.Tokens is { } granted)
        {
            await store.SaveTokensAsync(accountId, granted, time.GetUtcNow(), cancellationToken);
            LogAccepted(logger, accountId);
            return null;
        }

        var why = result.Error is { } error ? $"the assistant's token service refused the grant ({error})" : $"the assistant's token service did not answer ({result.Problem})";
        await store.DropTokensAsync(accountId, GrantLossReasons.AcceptGrantFailed, time.GetUtcNow(), cancellationToken);
        LogFailed(logger, accountId, why);
        return new SkillFailure(AlexaErrorTypes.AcceptGrantFailed, $"Failed to handle the AcceptGrant directive: {why}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AcceptGrant for account {AccountId}: event-gateway tokens stored")]
    private static partial void LogAccepted(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AcceptGrant for account {AccountId} failed: {Why}")]
    private static partial void LogFailed(ILogger logger, string accountId, string why);
}
