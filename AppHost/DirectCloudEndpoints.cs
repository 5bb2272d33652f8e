using System.Net;
using System.Net.Sockets;

namespace SmartHome.AppHost;

/// <summary>
/// <c>AppHost:DirectCloudEndpoints=true</c> (a launch setting, default false): the clouds' <c>http</c> endpoints without
/// Aspire's proxy, so that a request from the study to the assistant, and from the assistant to the vendor, crosses one
/// loopback connection instead of two. For one replica of each cloud only: the proxy is what spreads requests over
/// replicas. Aspire allocates no port for an endpoint without its proxy, so the AppHost takes a free loopback port for
/// each at start. The policy study runs its worlds so (docs/policy-study.md); everything else keeps the proxy.
/// </summary>
internal static class DirectCloudEndpoints
{
    public const string Setting = "AppHost:DirectCloudEndpoints";

    /// <summary>Whether the setting is on; on with more than one replica stops the start, saying why.</summary>
    public static bool From(IDistributedApplicationBuilder builder, int cloudReplicas)
    {
        var configured = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return false;
        }

        if (!bool.TryParse(configured.Trim(), out var direct))
        {
            throw new InvalidOperationException($"The setting '{Setting}' must be true or false, not '{configured}'.");
        }

        return direct && cloudReplicas > 1
            ? throw new InvalidOperationException(
                $"The setting '{Setting}' needs {CloudReplicas.Parameter}=1: with {cloudReplicas} replicas Aspire's proxy is what spreads the requests.")
            : direct;
    }

    /// <summary>The project's <c>http</c> endpoint on a free loopback port of its own, without the proxy.</summary>
    public static IResourceBuilder<ProjectResource> WithDirectHttpEndpoint(this IResourceBuilder<ProjectResource> project)
    {
        var port = FreeLoopbackPort();
        return project.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = port;
            endpoint.TargetPort = port;
        });
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
