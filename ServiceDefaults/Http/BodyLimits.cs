using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Request body limits that fit what an endpoint takes. Kestrel's own default (30 MB) is far more than any
/// SmartHome endpoint needs: every service gets <see cref="Default"/>, and an endpoint asks for less with
/// <see cref="WithBodyLimit{TBuilder}"/>. A body over its limit is refused while it is read (Content-Length
/// at once, chunked as soon as it passes the limit) with a 413 that each endpoint answers in its own protocol.
/// </summary>
public static class BodyLimits
{
    /// <summary>The largest body any service accepts (the skill endpoint's directives are the largest, 64 KB).</summary>
    public const long Default = 64 * 1024;

    /// <summary>Small JSON bodies: an utterance, a switch, an account.</summary>
    public const long SmallJson = 8 * 1024;

    /// <summary>Sets this endpoint's (or group's) request body limit.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
