using System.Net;
using System.Net.Sockets;
using SmartHome.DeviceGateway.Homes;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// With an external broker (<c>Mqtt:Broker=external</c>: the AppHost's mosquitto), the home's 2.4 GHz band is this
/// relay on <c>Mqtt:Port</c>: the devices dial it as they would the broker, and each connection is passed on, byte for
/// byte, to the broker at <c>Mqtt:BrokerUrl</c>. It reads only the client id of the CONNECT, to know whose band the
/// device is on: while that band is off the connection is closed at once, and switching the band off closes both
/// sockets of every link on it, with no DISCONNECT, so that the broker treats it as a dead link and publishes the
/// device's will (<see cref="WifiBand"/>), as the embedded broker does.
/// </summary>
internal sealed partial class BandRelay(GatewayOptions options, GatewayHomes homes, TimeProvider timeProvider, ILogger<BandRelay> logger)
    : BackgroundService, ILanListener
{
    // MQTT: a server closes a connection whose CONNECT does not come in reasonable time.
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener = new(IPAddress.Loopback, options.MqttPort);

    public int Port => options.MqttPort;

    public bool IsRunning { get; private set; }

    public string Describe() => $"2.4 GHz band relay on 127.0.0.1:{Port} to the broker at {options.BrokerUrl?.Authority}";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Listening before the host reports started: the plugs may dial as soon as the health check passes.
        _listener.Start();
        IsRunning = true;
        LogListening(logger, Port, options.BrokerUrl?.Authority ?? "?");
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        _listener.Stop();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket device;
            try
            {
                device = await _listener.AcceptSocketAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(logger, ex.SocketErrorCode.ToString());
                continue;
            }

            _ = RelayAsync(device, stoppingToken);
        }
    }

    private async Task RelayAsync(Socket device, CancellationToken stoppingToken)
    {
        using var link = new RelayLink(device);
        var endPoint = device.RemoteEndPoint?.ToString() ?? "";
        WifiBand? band = null;
        string? clientId = null;
        try
        {
            device.NoDelay = true;
            using var connectTimeout = new CancellationTokenSource(ConnectWithin, timeProvider);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connectTimeout.Token);
            var connect = await MqttConnectReader.ReadAsync(device, reading.Token);
            clientId = connect?.ClientId;
            band = clientId is not null && homes.FindDevice(clientId) is { } lanDevice ? homes.Find(lanDevice.HomeId)?.Band : null;
            if (connect is null || (band is not null && !band.Attach(clientId!, endPoint, link)))
            {
                // Not MQTT, or a device whose band is off: no answer, the connection just dies.
                return;
            }

            await link.Broker.ConnectAsync(BrokerEndPoint(), stoppingToken);
            await link.Broker.SendAsync(connect.Packet, SocketFlags.None, stoppingToken);
            await Task.WhenAny(PumpAsync(device, link.Broker, stoppingToken), PumpAsync(link.Broker, device, stoppingToken));
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut link, the broker gone or the gateway stopping: the sockets close below either way.
        }
        finally
        {
            if (band is not null && clientId is not null)
            {
                band.Detach(clientId, endPoint);
            }
        }
    }

    private DnsEndPoint BrokerEndPoint() => new(options.BrokerUrl!.Host, options.BrokerUrl.Port);

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
        }
    }

    /// <summary>Both sockets of a relayed connection; disposing closes both at once (the band's cut).</summary>
    private sealed class RelayLink(Socket device) : IDisposable
    {
        public Socket Broker { get; } = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

        public void Dispose()
        {
            device.Dispose();
            Broker.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "2.4 GHz band relay listening on 127.0.0.1:{Port}, to the MQTT broker at {Broker}")]
    private static partial void LogListening(ILogger logger, int port, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "2.4 GHz band relay could not accept a connection: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, string error);
}
