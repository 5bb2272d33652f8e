using System.Net;
using System.Net.Sockets;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Tests;

public sealed class PlugRadioTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    // A stand-in for the broker's listening socket, on a free loopback port.
    private readonly TcpListener _broker = new(IPAddress.Loopback, 0);
    private readonly PlugRadio _radio = new();

    public PlugRadioTests() => _broker.Start();

    private IPEndPoint BrokerEndPoint => (IPEndPoint)_broker.LocalEndpoint;

    [Fact]
    public async Task While_on_the_link_carries_bytes_both_ways()
    {
        await using var link = await _radio.ConnectAsync(BrokerEndPoint, CancellationToken.None).WaitAsync(Bound);
        using var accepted = await _broker.AcceptTcpClientAsync().WaitAsync(Bound);
        var brokerSide = accepted.GetStream();

        await link.WriteAsync(new byte[] { 0xC0, 0x00 }).AsTask().WaitAsync(Bound); // PINGREQ
        var received = new byte[2];
        await brokerSide.ReadExactlyAsync(received).AsTask().WaitAsync(Bound);
        Assert.Equal(new byte[] { 0xC0, 0x00 }, received);

        await brokerSide.WriteAsync(new byte[] { 0xD0, 0x00 }).AsTask().WaitAsync(Bound); // PINGRESP
        var answer = new byte[2];
        await link.ReadExactlyAsync(answer).AsTask().WaitAsync(Bound);
        Assert.Equal(new byte[] { 0xD0, 0x00 }, answer);
    }

    [Fact]
    public async Task Off_the_link_goes_silent_and_the_socket_closes_only_when_the_radio_is_back()
    {
        var link = await _radio.ConnectAsync(BrokerEndPoint, CancellationToken.None).WaitAsync(Bound);
        using var accepted = await _broker.AcceptTcpClientAsync().WaitAsync(Bound);
        var brokerSide = accepted.GetStream();

        _radio.SwitchOff();
        Assert.True(_radio.WhenOff.IsCompleted);

        // Written into thin air, and the client giving the link up sends no FIN either...
        await link.WriteAsync(new byte[] { 0xE0, 0x00 }).AsTask().WaitAsync(Bound); // DISCONNECT
        var pendingRead = link.ReadAsync(new byte[1]).AsTask();
        await link.DisposeAsync();
        Assert.Equal(0, await pendingRead.WaitAsync(Bound));

        // ...until the radio is back: then the old socket closes, and the broker reads its end
        // without ever having received the DISCONNECT.
        _radio.SwitchOn();
        var buffer = new byte[16];
        Assert.Equal(0, await brokerSide.ReadAsync(buffer).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Off_no_connection_can_be_made_until_it_is_back()
    {
        _radio.SwitchOff();
        var waiting = _radio.WaitUntilOnAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<SocketException>(
            () => _radio.ConnectAsync(BrokerEndPoint, CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(SocketError.NetworkUnreachable, error.SocketErrorCode);
        Assert.False(waiting.IsCompleted);
        Assert.False(_radio.IsOn);

        _radio.SwitchOn();
        await waiting.WaitAsync(Bound);
        Assert.True(_radio.IsOn);
        Assert.False(_radio.WhenOff.IsCompleted);
        await using var link = await _radio.ConnectAsync(BrokerEndPoint, CancellationToken.None).WaitAsync(Bound);
    }

    public void Dispose() => _broker.Stop();
}
