using System.Diagnostics.Metrics;
using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// Token-endpoint and revocation counts, twice: as OpenTelemetry metrics of the Meter
/// <c>SmartHome.VendorCloud</c>, and in Redis for <c>GET /sim/oauth/stats</c> (which survives restarts).
/// </summary>
internal sealed class OAuthCounters
{
    public const string MeterName = VendorCloudTelemetry.SourceName;

    private const string TokenRequestsPrefix = "token_requests:";
    private const string RefreshFailures = "refresh_failures";
    private const string ReuseRevocations = "reuse_revocations";

    private readonly IOAuthStore _store;
    private readonly Counter<long> _tokenRequests;
    private readonly Counter<long> _grantsRevoked;

    public OAuthCounters(IOAuthStore store, IMeterFactory meterFactory)
    {
        _store = store;
        var meter = meterFactory.Create(MeterName);
        _tokenRequests = meter.CreateCounter<long>("smarthome.oauth.token_requests", "{request}",
            "Requests to /oauth/token, by grant_type and outcome (success or the RFC 6749 error code).");
        _grantsRevoked = meter.CreateCounter<long>("smarthome.oauth.grants_revoked", "{grant}", "Grants ended, by reason.");
    }

    /// <summary>One token request of a supported grant type; <paramref name="outcome"/> is "success" or the error code.</summary>
    public async Task TokenRequestAsync(string grantType, string outcome, CancellationToken cancellationToken)
    {
        _tokenRequests.Add(1, new KeyValuePair<string, object?>("grant_type", grantType), new KeyValuePair<string, object?>("outcome", outcome));
        await _store.IncrementCounterAsync(TokenRequestsPrefix + grantType, cancellationToken);
        if (grantType == GrantTypes.RefreshToken && outcome != Success)
        {
            await _store.IncrementCounterAsync(RefreshFailures, cancellationToken);
        }
    }

    public async Task GrantRevokedAsync(string reason, CancellationToken cancellationToken)
    {
        _grantsRevoked.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (reason == RevocationReasons.RefreshTokenReuse)
        {
            await _store.IncrementCounterAsync(ReuseRevocations, cancellationToken);
        }
    }

    public async Task<OAuthStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var counters = await _store.GetCountersAsync(cancellationToken);
        long Get(string name) => counters.TryGetValue(name, out var value) ? value : 0;
        return new OAuthStats(
            new TokenRequestCounts(Get(TokenRequestsPrefix + GrantTypes.AuthorizationCode), Get(TokenRequestsPrefix + GrantTypes.RefreshToken)),
            Get(RefreshFailures),
            Get(ReuseRevocations));
    }

    public const string Success = "success";
}

internal static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
}

/// <summary>The answer of <c>GET /sim/oauth/stats</c>.</summary>
internal sealed record OAuthStats(TokenRequestCounts TokenRequests, long RefreshFailures, long ReuseRevocations);

internal sealed record TokenRequestCounts(
    [property: JsonPropertyName("authorization_code")] long AuthorizationCode,
    [property: JsonPropertyName("refresh_token")] long RefreshToken);
