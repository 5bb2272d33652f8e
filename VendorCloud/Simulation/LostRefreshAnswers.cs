using System.Collections.Concurrent;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The simulation's lossy network on the token endpoint: the next successful refresh answer of an armed account is
/// lost on the way back, after the vendor has rotated the refresh token, which is where reuse detection without a
/// leeway locks people out (<c>POST /sim/oauth/lose-refresh-answer?email=</c>). Kept in this process's memory: one
/// vendor replica, as the simulation runs it.
/// </summary>
internal sealed partial class LostRefreshAnswers(ILogger<LostRefreshAnswers> logger)
{
    private readonly ConcurrentDictionary<string, int> _armed = new(StringComparer.Ordinal);

    /// <summary>True when some account's next refresh answer is to be lost: only then does the token endpoint look.</summary>
    public bool AnyArmed => !_armed.IsEmpty;

    /// <summary>Arms one more lost answer for the account.</summary>
    public void Arm(string accountId) => _armed.AddOrUpdate(accountId, 1, (_, count) => count + 1);

    /// <summary>True (and one fewer armed) when this refresh answer of the account is to be lost.</summary>
    public bool TryTake(string accountId)
    {
        while (_armed.TryGetValue(accountId, out var count))
        {
            var taken = count <= 1 ? _armed.TryRemove(KeyValuePair.Create(accountId, count)) : _armed.TryUpdate(accountId, count - 1, count);
            if (taken)
            {
                LogLost(logger, accountId);
                return true;
            }
        }

        return false;
    }

    /// <summary>A reset of the world: nothing stays armed.</summary>
    public void Clear() => _armed.Clear();

    [LoggerMessage(Level = LogLevel.Information, Message = "The refresh answer of account {AccountId} is lost on the way (the simulation's lossy network); the refresh token was rotated")]
    private static partial void LogLost(ILogger logger, string accountId);
}
