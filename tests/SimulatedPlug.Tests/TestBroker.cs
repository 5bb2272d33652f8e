using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Server;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>A real MQTTnet broker in-process on a free loopback port, recording who connected and what was published.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    public TestBroker()
    {
        Port = FreeTcpPort();
        _server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .Build());
        _server.ValidatingConnectionAsync += args =>
        {
            Connects.Enqueue(new Connect(args.ClientId, args.UserName, args.Password, args.CleanSession == true, args.KeepAlivePeriod ?? 0));
            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += args =>
        {
            Published.Enqueue((args.ClientId, args.ApplicationMessage.Topic, args.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public string Url => $"tcp://127.0.0.1:{Port}";

    public ConcurrentQueue<Connect> Connects { get; } = new();

    /// <summary>Every publish the broker let through: by clients, and the wills it published for them (client id of the dead one).</summary>
    public ConcurrentQueue<(string ClientId, string Topic, string Payload)> Published { get; } = new();

    public Task StartAsync() => _server.StartAsync();

    public async Task<IList<MqttClientStatus>> ClientsAsync() => await _server.GetClientsAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        _server.Dispose();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed record Connect(string ClientId, string UserName, string Password, bool CleanStart, ushort KeepAlive);
}
