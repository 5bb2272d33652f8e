using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>The vendor's RFC 8414 metadata as a test sets it (null: the vendor cannot be reached).</summary>
internal sealed class FakeMetadataSource : IAuthorizationServerMetadataSource
{
    public static AuthorizationServerMetadata At(string issuer) => new(issuer, new Uri($"{issuer}/oauth/authorize"),
        new Uri($"{issuer}/oauth/token"), new Uri($"{issuer}/oauth/revoke"), ["S256"]);

    public AuthorizationServerMetadata? Metadata { get; set; } = At("http://vendorcloud");

    public int Invalidations { get; private set; }

    public Task<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken) =>
        Metadata is { } metadata ? Task.FromResult(metadata) : throw new AuthorizationServerMetadataException("unreachable");

    public void Invalidate() => Invalidations++;
}
