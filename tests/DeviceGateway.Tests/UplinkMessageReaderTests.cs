using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The one uplink message reader both ends use: whole messages, at most 64 KiB, 1009 beyond.</summary>
public sealed class UplinkMessageReaderTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private TcpClient? _clientTcp;
    private TcpClient? _serverTcp;
    private WebSocket _reader = null!;
    private WebSocket _peer = null!;

    public async Task InitializeAsync()
    {
        // Two real WebSocket ends over a loopback TCP pair (no HTTP handshake needed for the framing).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _clientTcp = new TcpClient();
        var accepting = listener.AcceptTcpClientAsync();
        await _clientTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(Bound);
        _serverTcp = await accepting.WaitAsync(Bound);
        _reader = WebSocket.CreateFromStream(_serverTcp.GetStream(), new WebSocketCreationOptions { IsServer = true });
        _peer = WebSocket.CreateFromStream(_clientTcp.GetStream(), new WebSocketCreationOptions { IsServer = false });
    }

    public Task DisposeAsync()
    {
        _reader.Dispose();
        _peer.Dispose();
        _clientTcp?.Dispose();
        _serverTcp?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_message_of_the_largest_size_in_fragments_is_read_whole()
    {
        var payload = new byte[UplinkMessageReader.MaxMessageBytes];
        Array.Fill(payload, (byte)'a');
        var sending = SendInFragmentsAsync(payload, WebSocketMessageType.Text, fragment: 10_000);

        var message = await UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound);
        await sending.WaitAsync(Bound);

        Assert.NotNull(message);
        Assert.True(message.IsText);
        Assert.Equal(payload, message.Payload);
    }

    [Fact]
    public async Task A_binary_message_is_read_and_marked_as_not_text()
    {
        await _peer.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Bound);

        var message = await UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound);

        Assert.NotNull(message);
        Assert.False(message.IsText);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.Payload);
    }

    [Fact]
    public async Task An_empty_message_is_read_as_an_empty_payload()
    {
        await _peer.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None).AsTask().WaitAsync(Bound);

        var message = await UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound);

        Assert.NotNull(message);
        Assert.True(message.IsText);
        Assert.Empty(message.Payload);
    }

    [Fact]
    public async Task A_reader_waiting_on_an_idle_socket_gets_the_message_sent_later_and_the_next_one()
    {
        // The reader waits with no buffer (a zero-byte receive); the message that ends the wait is read whole.
        var reading = UplinkMessageReader.ReadAsync(_reader, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(reading.IsCompleted);

        var first = "{\"type\":\"command\"}"u8.ToArray();
        var second = new byte[10_000];
        Array.Fill(second, (byte)'b');
        await _peer.SendAsync(first.AsMemory(), WebSocketMessageType.Text, true, CancellationToken.None).AsTask().WaitAsync(Bound);
        await SendInFragmentsAsync(second, WebSocketMessageType.Text, fragment: 3_000).WaitAsync(Bound);

        Assert.Equal(first, (await reading.WaitAsync(Bound))!.Payload);
        Assert.Equal(second, (await UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound))!.Payload);
    }

    [Fact]
    public async Task Cancelling_a_reader_waiting_on_an_idle_socket_ends_the_wait()
    {
        using var cancel = new CancellationTokenSource();
        var reading = UplinkMessageReader.ReadAsync(_reader, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Bound));
    }

    [Fact]
    public async Task The_peer_closing_ends_the_reading()
    {
        var closing = _peer.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        Assert.Null(await UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound));
        await closing.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_message_one_byte_too_large_closes_the_socket_with_1009()
    {
        var payload = new byte[UplinkMessageReader.MaxMessageBytes + 1];
        // The peer's send may fail once the reader has closed: only what the reader does is asserted.
        var sending = SendInFragmentsAsync(payload, WebSocketMessageType.Text, fragment: 16_384);

        await Assert.ThrowsAsync<InvalidDataException>(() => UplinkMessageReader.ReadAsync(_reader, CancellationToken.None).WaitAsync(Bound));
        await sending.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Bound);

        var buffer = new byte[1024];
        var received = await _peer.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, _peer.CloseStatus);
        Assert.Equal(1009, (int)_peer.CloseStatus!.Value);
    }

    private async Task SendInFragmentsAsync(byte[] payload, WebSocketMessageType type, int fragment)
    {
        for (var offset = 0; offset < payload.Length; offset += fragment)
        {
            var count = Math.Min(fragment, payload.Length - offset);
            await _peer.SendAsync(payload.AsMemory(offset, count), type, offset + count == payload.Length, CancellationToken.None);
        }
    }
}
