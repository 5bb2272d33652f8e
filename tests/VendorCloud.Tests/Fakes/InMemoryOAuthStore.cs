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

    public IReadOnlyCollection<Grant> Grants { get { lock (_lock) { return _grants.Values.ToList(); } } }

    public IReadOnlyCollection<string> StoredKeys
    {
        get { lock (_lock) { return [.. _codes.Keys, .. _refresh.Keys, .. _access.Keys]; } }
    }

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
            _refresh[grant.RefreshTokenHash] = grant.GrantId;
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

    public Task<Grant?> RotateRefreshTokenAsync(string grantId, string expectedRefreshTokenHash, string newRefreshTokenHash,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_grants.TryGetValue(grantId, out var grant) || grant.RefreshTokenHash != expectedRefreshTokenHash)
            {
                return Task.FromResult<Grant?>(null);
            }

            if (grant.PreviousRefreshTokenHash is not null)
            {
                _refresh.Remove(grant.PreviousRefreshTokenHash);
            }

            var rotated = grant with
            {
                RefreshTokenHash = newRefreshTokenHash,
                PreviousRefreshTokenHash = grant.RefreshTokenHash,
                RotatedAt = now,
                LastUsedAt = now,
            };
            _grants[grantId] = rotated;
            _refresh[newRefreshTokenHash] = grantId;
            return Task.FromResult<Grant?>(rotated);
        }
    }

    public Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_grants.Remove(grantId, out var grant))
            {
                _refresh.Remove(grant.RefreshTokenHash);
                if (grant.PreviousRefreshTokenHash is not null)
                {
                    _refresh.Remove(grant.PreviousRefreshTokenHash);
                }
            }
        }

        return Task.CompletedTask;
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

    public Task DeleteAccessTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        lock (_lock) { _access.Remove(tokenHash); }
        return Task.CompletedTask;
    }
}
