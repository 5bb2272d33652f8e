using System.Collections.Concurrent;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// Access token records read recently, by token hash. A record never changes once issued: revocation, rotation and
/// the link policy act on its grant, which is read on every check. So a record kept for a short while answers as
/// Redis would, and a directive saves the round trip that would fetch it before anything else can be read. Bounded:
/// at <see cref="Capacity"/> records it starts over. Per replica on purpose, and harmless with several: what a copy
/// holds never changes, and everything that does (expiry by the simulation, revocation, the link policy, a reset of
/// the world that deletes the grant) is read from Redis on every check.
/// </summary>
internal sealed class RecentAccessTokens(TimeProvider time)
{
    /// <summary>How long a record is kept after it was read.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>More than a fleet's links; each record is a few hundred bytes.</summary>
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<string, (AccessTokenRecord Record, long ReadAt)> _records = new(StringComparer.Ordinal);

    public int Count => _records.Count;

    /// <summary>The record read within <see cref="Lifetime"/>, or null.</summary>
    public AccessTokenRecord? Find(string tokenHash)
    {
        if (!_records.TryGetValue(tokenHash, out var entry))
        {
            return null;
        }

        // Monotonic: the world's clock may jump by days, the kept copy's age does not.
        if (time.GetElapsedTime(entry.ReadAt) < Lifetime)
        {
            return entry.Record;
        }

        _records.TryRemove(KeyValuePair.Create(tokenHash, entry));
        return null;
    }

    /// <summary>A reset of the world wipes the tokens in Redis: the copies go with them.</summary>
    public void Clear() => _records.Clear();

    public void Remember(AccessTokenRecord record)
    {
        if (_records.Count >= Capacity)
        {
            _records.Clear();
        }

        _records[record.TokenHash] = (record, time.GetTimestamp());
    }
}
