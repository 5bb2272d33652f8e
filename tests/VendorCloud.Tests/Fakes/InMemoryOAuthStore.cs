using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The OAuth store's contract in memory (retention is not simulated).</summary>
internal sealed class InMemoryOAuthStore : IOAuthStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (AuthorizationCode Code, bool Redeemed, string? GrantId)> _codes = [];
    private readonly Dictionary<string, Grant> _grants = [];
    private readonly Dictionary<string, string> _refresh = [];
    private readonly Dictionary<string, AccessTokenRecord> _access = [];
    private readonly Dictionary<string, long> _counters = [];

    public IReadOnlyCollection<Grant> Grants { get { lock (_lock) { return _grants.Values.ToList(); } } }

    public IReadOnlyCollection<Grant> LiveGrants => Grants.Where(g => !g.IsRevoked).ToList();

    public IReadOnlyCollection<string> StoredKeys
    {
        get { lock (_lock) { return [.. _codes.Keys, .. _refresh.Keys, .. _access.Keys]; } }
    }

    /// <summary>Runs before each write of <see cref="UpdateGrantAsync"/>: lets a test change the grant in between, as a concurrent request would.</summary>
    public Action<string>? BeforeUpdateCommit { get; set; }

    public Task SaveCodeAsync(AuthorizationCode code, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_lock) { _codes[code.CodeHash] = (code, false, null); }
        return Task.CompletedTask;
    }

    public Task<CodeRedemption> RedeemCodeAsync(string codeHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_codes.TryGetValue(codeHash, out var entry))
            {
                return Task.FromResult(new CodeRedemption(null, false, null));
            }

            _codes[codeHash] = entry with { Redeemed = true };
            return Task.FromResult(new CodeRedemption(entry.Code, entry.Redeemed, entry.GrantId));
        }
    }

    public Task AttachGrantToCodeAsync(string codeHash, string grantId, CancellationToken cancellationToken)
    {
        lock (_lock) { _codes[codeHash] = _codes[codeHash] with { GrantId = grantId }; }
        return Task.CompletedTask;
    }

    public Task CreateGrantAsync(Grant grant, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _grants[grant.GrantId] = grant;
            foreach (var hash in grant.RefreshTokenHashes)
            {
                _refresh[hash] = grant.GrantId;
            }
        }

        return Task.CompletedTask;
    }

    public Task<Grant?> GetGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        lock (_lock) { return Task.FromResult(_grants.GetValueOrDefault(grantId)); }
    }

    public Task<Grant?> FindGrantByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_refresh.TryGetValue(refreshTokenHash, out var id) ? _grants.GetValueOrDefault(id) : null);
        }
    }

    /// <summary>Optimistic like the Redis store: compute on a snapshot, commit only if the grant is unchanged, else recompute.</summary>
    public Task<Grant?> UpdateGrantAsync(string grantId, Func<Grant, Grant?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            Grant? snapshot;
            lock (_lock) { snapshot = _grants.GetValueOrDefault(grantId); }
            if (snapshot is null)
            {
                return Task.FromResult<Grant?>(null);
            }

            var updated = change(snapshot);
            if (updated is null)
            {
                return Task.FromResult<Grant?>(null);
            }

            BeforeUpdateCommit?.Invoke(grantId);
            lock (_lock)
            {
                if (!ReferenceEquals(_grants.GetValueOrDefault(grantId), snapshot))
                {
                    continue;
                }

                foreach (var hash in snapshot.RefreshTokenHashes.Except(updated.RefreshTokenHashes))
                {
                    _refresh.Remove(hash);
                }

                foreach (var hash in updated.RefreshTokenHashes)
                {
                    _refresh[hash] = grantId;
                }

                _grants[grantId] = updated;
                return Task.FromResult<Grant?>(updated);
            }
        }
    }

    public Task<IReadOnlyList<Grant>> ListAccountGrantsAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Grant>>(_grants.Values.Where(g => g.AccountId == accountId).OrderBy(g => g.CreatedAt).ToList());
        }
    }

    public Task SaveAccessTokenAsync(AccessTokenRecord token, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_lock) { _access[token.TokenHash] = token; }
        return Task.CompletedTask;
    }

    public Task<AccessTokenRecord?> GetAccessTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        lock (_lock) { return Task.FromResult(_access.GetValueOrDefault(tokenHash)); }
    }

    public Task IncrementCounterAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock) { _counters[name] = _counters.GetValueOrDefault(name) + 1; }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(CancellationToken cancellationToken)
    {
        lock (_lock) { return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(_counters)); }
    }

    private readonly Dictionary<string, int> _lostAnswers = new(StringComparer.Ordinal);

    public Task ArmLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _lostAnswers[accountId] = _lostAnswers.GetValueOrDefault(accountId) + 1;
        }

        return Task.CompletedTask;
    }

    public Task<int> DisarmLostRefreshAnswersAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var armed = _lostAnswers.GetValueOrDefault(accountId);
            _lostAnswers.Remove(accountId);
            return Task.FromResult(armed);
        }
    }

    public Task<bool> TakeLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_lostAnswers.GetValueOrDefault(accountId) <= 0)
            {
                return Task.FromResult(false);
            }

            _lostAnswers[accountId]--;
            return Task.FromResult(true);
        }
    }
}
