using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Uplink;

namespace SmartHome.DeviceGateway.Homes;

/// <summary>
/// Each home's uplink to the vendor cloud (its own WebSocket through the WAN edge, its own secret and hello)
/// and the command dispatcher behind it. Started after the broker and the bridge, stopped before them.
/// </summary>
internal sealed class HomeUplinks : IHostedService, IDisposable
{
    /// <summary>How many homes may be in a WebSocket handshake at once.</summary>
    public const int ParallelDials = 16;

    private readonly SemaphoreSlim _dialGate = new(ParallelDials, ParallelDials);

    // One handler for every home's WebSocket handshake: a handler per socket would keep a connection pool
    // (and its timer) per home for the socket's whole life. Upgraded connections leave the pool, so sharing
    // it shares nothing else between the homes.
    private readonly HttpMessageInvoker _handshakes = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false });
    private readonly Dictionary<string, UplinkClient> _clients;

    public HomeUplinks(GatewayHomes homes, IMqttPublisher publisher, TimeProvider timeProvider, ILoggerFactory loggers, IHostApplicationLifetime? lifetime = null)
    {
        var dispatcherLogger = loggers.CreateLogger<CommandDispatcher>();
        var uplinkLogger = loggers.CreateLogger<UplinkClient>();
        _clients = homes.All.ToDictionary(
            home => home.Id,
            home => new UplinkClient(home.Options, home.Devices,
                new CommandDispatcher(home.Options, home.Devices, home.Pending, publisher, timeProvider, dispatcherLogger),
                home.Uplink, home.Band, home.Broadband, timeProvider, uplinkLogger, lifetime, _dialGate, _handshakes),
            StringComparer.Ordinal);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Each returns at once: its loop waits for the host to start (the WAN edge listens only then).
        foreach (var client in _clients.Values)
        {
            await client.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_clients.Values.Select(client => client.StopAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _dialGate.Dispose();
        _handshakes.Dispose();
    }
}
