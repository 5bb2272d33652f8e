using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;

namespace SmartHome.LoadDriver;

/// <summary>
/// The floor under every hop: a raw TCP round trip over loopback (a small message to an echo and back,
/// Nagle off), measured on this machine in the same run as the chain, so the two compare fairly.
/// </summary>
public static class LoopbackFloor
{
    private const int MessageBytes = 64;

    public static async Task<FloorResult> MeasureAsync(int samples, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var echo = EchoAsync(listener, cancellationToken);

        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var stream = client.GetStream();
        var message = new byte[MessageBytes];
        var answer = new byte[MessageBytes];
        var nanos = new LongHistogram(1_000_000_000, 3);
        var warmup = Math.Min(1000, samples / 10);
        for (var i = 0; i < samples + warmup; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await stream.WriteAsync(message, cancellationToken);
            await stream.ReadExactlyAsync(answer, cancellationToken);
            if (i >= warmup)
            {
                nanos.RecordValue(Math.Max(1, (long)(Stopwatch.GetElapsedTime(sent).Ticks * 100)));
            }
        }

        client.Close();
        await echo;
        static double Us(double ns) => Math.Round(ns / 1000.0, 2);
        return new FloorResult(
            nanos.TotalCount,
            Us(nanos.GetValueAtPercentile(50)),
            Us(nanos.GetValueAtPercentile(90)),
            Us(nanos.GetValueAtPercentile(99)),
            Us(nanos.GetMean()));
    }

    private static async Task EchoAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var server = await listener.AcceptTcpClientAsync(cancellationToken);
        server.NoDelay = true;
        var stream = server.GetStream();
        var buffer = new byte[MessageBytes];
        while (true)
        {
            try
            {
                await stream.ReadExactlyAsync(buffer, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return;
            }

            await stream.WriteAsync(buffer, cancellationToken);
        }
    }
}
