using System.Net;

namespace SmartHome.DeviceGateway.Hosting;

/// <summary>
/// Kestrel on two loopback ports: the API port(s) from ASPNETCORE_URLS / <c>urls</c>, and the WAN edge.
/// Calling Listen makes Kestrel ignore the configured URLs, so both are listened on explicitly.
/// </summary>
internal static class KestrelListeners
{
    public static WebApplicationBuilder ListenOnApiAndWanPorts(this WebApplicationBuilder builder, GatewayOptions options)
    {
        // Should the WAN endpoint also appear among the URLs, it stays the WAN port only.
        var apiPorts = ApiPorts(builder.Configuration["urls"], except: options.WanPort);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in apiPorts)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }

            kestrel.Listen(IPAddress.Loopback, options.WanPort);
        });
        return builder;
    }

    /// <summary>The ports of the http URLs in a <c>;</c>-separated URL list, other than <paramref name="except"/>.</summary>
    public static IReadOnlyList<int> ApiPorts(string? urls, int except = 0)
    {
        var ports = (urls ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            // "http://*:5000" and "http://+:5000" are not valid URIs; the port is all that matters here.
            .Select(url => Uri.TryCreate(url.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"'{url}' in urls is not a URL."))
            .Where(uri => uri.Scheme == Uri.UriSchemeHttp)
            .Select(uri => uri.Port)
            .Where(port => port != except)
            .Distinct()
            .ToList();
        return ports.Count > 0
            ? ports
            : throw new InvalidOperationException("No http URL configured (ASPNETCORE_URLS or --urls) for the API port.");
    }
}
