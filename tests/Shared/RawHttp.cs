using System.Net.Sockets;
using System.Text;

namespace SmartHome.Tests.Shared;

/// <summary>
/// HTTP/1.1 written by hand on a socket, for what HttpClient will not send: a Content-Length far over the
/// server's limit with only a little of the body behind it, as a careless or hostile client does.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body);

    /// <summary>Sends the request line, headers and <paramref name="body"/>; reads the answer until the server closes or 10 s pass.</summary>
    public static async Task<Answer> SendAsync(Uri server, string method, string path, IEnumerable<string> headers, byte[] body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
            await stream.WriteAsync(body, timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has taken the whole body: read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (LooksComplete(received))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = text.Length >= 12 && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        if (split < 0)
        {
            return new Answer(status, text, "");
        }

        var answer = new Answer(status, text[..split], text[(split + 4)..]);
        return string.Equals(answer.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase)
            ? answer with { Body = Dechunk(answer.Body) }
            : answer;
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0 || !int.TryParse(chunked.AsSpan(position, lineEnd - position), System.Globalization.NumberStyles.HexNumber, null, out var size)
                || size == 0)
            {
                break;
            }

            var start = lineEnd + 2;
            body.Append(chunked, start, Math.Min(size, chunked.Length - start));
            position = start + size + 2;
        }

        return body.ToString();
    }

    /// <summary>A header line, e.g. Content-Length, read case-insensitively from the head.</summary>
    public static string? Header(this Answer answer, string name) =>
        answer.Head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();

    private static bool LooksComplete(MemoryStream received)
    {
        var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var length = text[..split].Split("\r\n").Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(-1);
        return length >= 0 && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= length;
    }
}
