using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartHome.Tests.Shared;

/// <summary>
/// Real Kestrel hosts for unit tests on loopback ports the OS picks: no fixed ports, so test projects
/// running side by side never collide.
/// </summary>
internal static class LoopbackHost
{
    /// <summary>
    /// A slim builder listening on a free loopback port (port 0: the OS chooses at start), in
    /// <paramref name="environmentName"/> (Production unless said: Development adds the developer exception page).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string? environmentName = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environmentName ?? Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }

    /// <summary>Starts the app and returns the address it really listens on.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>An address where nothing listens (a port the OS just handed out and took back): connections are refused.</summary>
    public static Uri ClosedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
