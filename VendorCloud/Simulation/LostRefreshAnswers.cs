using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The simulation's lossy network on the token endpoint: the next successful refresh answer of an armed account is
/// lost on the way back, after the vendor has rotated the refresh token, which is where reuse detection without a
/// leeway locks people out (<c>POST /sim/oauth/lose-refresh-answer?email=</c>; <c>DELETE</c> drops what no refresh took). The world's, not a replica's: kept in
/// the OAuth store (<see cref="IOAuthStore.ArmLostRefreshAnswerAsync"/>), so that whichever replica the arming and the
/// refresh land on, one answer is lost per arming. A reset of the world wipes them with every other <c>vendor:</c> key.
/// </summary>
internal sealed partial class LostRefreshAnswers(IOAuthStore store, ILogger<LostRefreshAnswers> logger)
{
    /// <summary>Arms one more lost answer for the account.</summary>
    public Task ArmAsync(string accountId, CancellationToken cancellationToken) => store.ArmLostRefreshAnswerAsync(accountId, cancellationToken);

    /// <summary>Drops the account's armed answers that no refresh has taken; how many there were.</summary>
    public Task<int> DisarmAsync(string accountId, CancellationToken cancellationToken) => store.DisarmLostRefreshAnswersAsync(accountId, cancellationToken);

    /// <summary>True (and one fewer armed) when this refresh answer of the account is to be lost.</summary>
    public async Task<bool> TryTakeAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!await store.TakeLostRefreshAnswerAsync(accountId, cancellationToken))
        {
            return false;
        }

        LogLost(logger, accountId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The refresh answer of account {AccountId} is lost on the way (the simulation's lossy network); the refresh token was rotated")]
    private static partial void LogLost(ILogger logger, string accountId);
}
