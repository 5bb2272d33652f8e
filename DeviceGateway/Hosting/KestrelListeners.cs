using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SmartHome.DeviceGateway.Hosting;

/// <summary>
/// Kestrel on two loopback ports: the API port(s) from ASPNETCORE_URLS / <c>urls</c>, and the WAN edge.
/// Calling Listen makes Kestrel ignore the configured URLs, so both are listened on explicitly.
/// </summary>
internal static class KestrelListeners
{
    /// <summary>
    /// Kestrel reads the WAN port from the same validated <see cref="GatewayOptions"/> as the rest of the gateway,
    /// when the server starts: a missing or bad port stops the start with the validator's message.
    /// </summary>
    public static IServiceCollection ListenOnApiAndWanPorts(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>, IConfiguration>((kestrel, gateway, configuration) =>
            {
                var wanPort = gateway.Value.WanPort;
                // Should the WAN endpoint also appear among the URLs, it stays the WAN port only.
                foreach (var port in ApiPorts(configuration[WebHostDefaults.ServerUrlsKey], except: wanPort))
                {
                    kestrel.Listen(IPAddress.Loopback, port);
                }

                kestrel.Listen(IPAddress.Loopback, wanPort);
            });
        return services;
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
