using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Fleet;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>Every device of a world wired as in Program.cs against a broker, without Redis (flash reads fail, so factory defaults).</summary>
internal sealed class TestFleet : IAsyncDisposable
{
    public const string Seed = "seed-0123456789abcdef";

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly ConnectThrottle _throttle;
    private DeviceFleetHost? _host;

    public TestFleet(World world, string brokerUrl, int keepAliveSeconds = 1)
    {
        World = world;
        Settings = new PlugSettings
        {
            BrokerUrl = brokerUrl,
            KeepAliveSeconds = keepAliveSeconds,
            DevicePasswordSeed = Seed,
        };
        _throttle = new ConnectThrottle(Settings);
        Devices = new Devices(world, Settings, new RedisConnection(_services),
            new ReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), new Random(7)),
            _throttle, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public static World TwoLamps => WorldLoader.LoadFile(PlugSettingsTests.TwoLampsWorld);

    public World World { get; }

    public PlugSettings Settings { get; }

    public Devices Devices { get; }

    public SimulatedDevice this[string homeId, string deviceId] =>
        Devices.Find(homeId, deviceId) ?? throw new InvalidOperationException($"no {homeId}/{deviceId}");

    public Task StartAsync()
    {
        _host = new DeviceFleetHost(Devices);
        return _host.StartAsync(CancellationToken.None);
    }

    /// <summary>Waits (bounded) until every device is on the broker.</summary>
    public async Task AllOnlineAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (Devices.OnlineCount < Devices.All.Count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(bound.Token);
            _host.Dispose();
        }

        Devices.Dispose();
        _throttle.Dispose();
        await _services.DisposeAsync();
    }
}
