using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Reads the skill's RFC 8414 document (<see cref="SkillOptions.MetadataAddress"/>: the configured issuer's
/// <c>/.well-known/oauth-authorization-server</c>; our vendor cloud through service discovery by default) and caches it for <see cref="CacheLifetime"/>. A failure is not cached: the next use tries again. The document
/// must name the authorization and token endpoints and support PKCE S256, or linking is refused.
/// </summary>
internal sealed partial class VendorMetadataClient(
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    IOptions<SkillOptions> skill,
    ILogger<VendorMetadataClient> logger) : IAuthorizationServerMetadataSource
{
    public const string HttpClientName = "vendor-metadata";

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(AuthorizationServerMetadata Metadata, DateTimeOffset FetchedAt);

    public async Task<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } metadata)
        {
            return metadata;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var fetched = await FetchAsync(cancellationToken);
            _cached = new Cached(fetched, time.GetUtcNow());
            return fetched;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Invalidate() => _cached = null;

    private AuthorizationServerMetadata? Fresh() =>
        _cached is { } cached && time.GetUtcNow() - cached.FetchedAt < CacheLifetime
            ? cached.Metadata
            : null;

    private async Task<AuthorizationServerMetadata> FetchAsync(CancellationToken cancellationToken)
    {
        AuthorizationServerMetadata? metadata;
        try
        {
            using var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync(skill.Value.MetadataAddress, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed($"the vendor answered {(int)response.StatusCode}");
            }

            metadata = await response.Content.ReadFromJsonAsync<AuthorizationServerMetadata>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failed(ex.Message, ex);
        }

        if (metadata?.AuthorizationEndpoint is not { IsAbsoluteUri: true } || metadata.TokenEndpoint is not { IsAbsoluteUri: true })
        {
            throw Failed("the document names no absolute authorization and token endpoints");
        }

        if (metadata.CodeChallengeMethodsSupported?.Contains("S256") != true)
        {
            throw Failed("the vendor does not support PKCE with S256");
        }

        LogFetched(metadata.Issuer ?? "(no issuer)");
        return metadata;
    }

    private AuthorizationServerMetadataException Failed(string reason, Exception? inner = null)
    {
        LogFailed(reason);
        return new AuthorizationServerMetadataException($"The vendor's authorization server metadata could not be used: {reason}.", inner);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read the vendor's authorization server metadata (issuer {Issuer})")]
    private partial void LogFetched(string issuer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The vendor's authorization server metadata could not be used: {Reason}")]
    private partial void LogFailed(string reason);
}
