using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartHome.LoadDriver.Tests;

/// <summary>
/// The driver's client against a real loopback socket that closes a connection right after reading the request, as a
/// stopping replica behind a proxy can: the utterance is sent once more and the reply says so; dropped twice, it fails
/// as "ConnectionFailed" with the client's reason.
/// </summary>
public sealed class AssistantClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly PlannedUtterance Utterance = new(new Person("user-1", "home-1", "bedroom lamp"), UtteranceKind.TurnOn, "turn on the bedroom lamp");

    [Fact]
    public async Task A_request_dropped_before_any_answer_is_sent_once_more_and_marked()
    {
        await using var server = new DroppingServer(drops: 1);

        var reply = await SendAsync(server);

        Assert.Equal("Success", reply.Outcome);
        Assert.True(reply.Resent);
        Assert.Equal("trace-1", reply.TraceId);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_request_whose_connection_is_reset_before_any_answer_is_sent_once_more()
    {
        await using var server = new DroppingServer(drops: 1, reset: true);

        var reply = await SendAsync(server);

        Assert.Equal("Success", reply.Outcome);
        Assert.True(reply.Resent);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Dropped_twice_it_fails_with_the_reason_and_is_not_sent_a_third_time()
    {
        await using var server = new DroppingServer(drops: 3);

        var reply = await SendAsync(server);

        Assert.Equal("ConnectionFailed", reply.Outcome);
        Assert.StartsWith(nameof(HttpRequestError.ResponseEnded), reply.Detail);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task An_answered_request_is_sent_once()
    {
        await using var server = new DroppingServer(drops: 0);

        var reply = await SendAsync(server);

        Assert.True(reply.Succeeded);
        Assert.False(reply.Resent);
        Assert.Equal(1, server.Requests);
    }

    private static async Task<UtteranceReply> SendAsync(DroppingServer server)
    {
        using var http = AssistantClient.CreateHttpClient(server.Address);
        return await new AssistantClient(http, Bound).SendAsync(Utterance, CancellationToken.None).WaitAsync(Bound);
    }

    /// <summary>
    /// Reads each request whole; closes (or with <c>reset</c>, resets) the first <c>drops</c> connections without a byte of
    /// answer, answers the rest.
    /// </summary>
    private sealed class DroppingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;
        private readonly bool _reset;
        private int _drops;
        private int _requests;

        public DroppingServer(int drops, bool reset = false)
        {
            _drops = drops;
            _reset = reset;
            _listener.Start();
            _serving = ServeAsync();
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public int Requests => Volatile.Read(ref _requests);

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                _ = HandleAsync(client);
            }
        }

        private async Task HandleAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                while (await ReadRequestAsync(stream))
                {
                    Interlocked.Increment(ref _requests);
                    if (Interlocked.Decrement(ref _drops) >= 0)
                    {
                        if (_reset)
                        {
                            // Linger 0: the close sends RST, not FIN.
                            client.Client.LingerState = new LingerOption(true, 0);
                        }

                        return;
                    }

                    var body = """{"speech":"OK","outcome":"Success","traceId":"trace-1"}""";
                    var answer = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
                }
            }
        }

        /// <summary>Reads the headers and the Content-Length body (or the chunked body's end); false at end of stream.</summary>
        private async Task<bool> ReadRequestAsync(NetworkStream stream)
        {
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            while (true)
            {
                var text = seen.ToString();
                var headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headersEnd >= 0)
                {
                    var headers = text[..headersEnd];
                    var bodySoFar = text.Length - headersEnd - 4;
                    var length = headers.Split("\r\n").Select(h => h.Split(':', 2))
                        .Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(-1);
                    if (length >= 0 ? bodySoFar >= length : bodySoFar > 0 && text[(headersEnd + 4)..].EndsWith("0\r\n\r\n", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return false;
                }

                seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}
