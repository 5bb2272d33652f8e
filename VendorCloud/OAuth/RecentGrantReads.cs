using System.Collections.Concurrent;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// The grants this process has just read, as stored (their JSON) and as read from it, by grant id, each taken at most once:
/// the starting point of the next update of that grant, so that a refresh (read to find the grant, then update) neither reads
/// nor parses it twice (a grant is an immutable record: the update makes a new one). Safe
/// however stale: an update is conditional on the grant being exactly what it starts from, and one that changed is read
/// again. Bounded: at <see cref="Capacity"/> entries it starts over.
/// </summary>
internal sealed class RecentGrantReads
{
    /// <summary>More than a fleet's grants read between two updates; each entry is a grant's JSON.</summary>
    public const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, GrantRead> _reads = new(StringComparer.Ordinal);

    public void Remember(string grantId, string stored, Grant grant)
    {
        if (_reads.Count >= Capacity)
        {
            _reads.Clear();
        }

        _reads[grantId] = new GrantRead(stored, grant);
    }

    /// <summary>The grant as last read here, removed; null when not read since the last update began.</summary>
    public GrantRead? Take(string grantId) => _reads.TryRemove(grantId, out var read) ? read : null;
}

/// <summary>A grant's stored JSON and the grant read from it.</summary>
internal sealed record GrantRead(string Stored, Grant Grant);
