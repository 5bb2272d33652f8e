using System.Collections.Concurrent;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// One lock per (user, skill): every change of a link's tokens or state (refresh, expiry, re-link,
/// disable) runs under it and re-reads the link first. The vendor rotates refresh tokens and treats
/// a reused one as theft, so two refreshes of one link must never run side by side. In-process: the
/// first, free gate; across replicas a refresh also takes the link's lease (<see cref="IRefreshLeases"/>) and saves
/// fenced, and the other changes save only onto the link they read or replace it whole.
/// </summary>
internal sealed class LinkLocks
{
    private readonly ConcurrentDictionary<(string User, string Skill), SemaphoreSlim> _locks = new();

    public async Task<LinkLock> AcquireAsync(string user, string skill, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd((user, skill), static _ => new SemaphoreSlim(1, 1));
        if (gate.Wait(0, CancellationToken.None))
        {
            return new LinkLock(gate, waited: false);
        }

        await gate.WaitAsync(cancellationToken);
        return new LinkLock(gate, waited: true);
    }
}
