using System.Diagnostics;
using System.Net.Sockets;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// A real redis-server for the store's tests, on a Unix socket in a temp folder (no TCP port, so
/// parallel test runs cannot collide). Started once per test class, stopped by its own process id.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "assistant-tests-" + Guid.NewGuid().ToString("N"));
    private Process? _server;

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    internal static string? ServerPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        if (ServerPath is null)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        var socket = Path.Combine(_folder, "redis.sock");
        _server = Process.Start(new ProcessStartInfo(ServerPath,
            ["--port", "0", "--unixsocket", socket, "--save", "", "--appendonly", "no", "--dir", _folder])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;

        var options = new ConfigurationOptions { EndPoints = { new UnixDomainSocketEndPoint(socket) }, AbortOnConnectFail = false, ConnectTimeout = 2000 };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!File.Exists(socket))
        {
            await Task.Delay(20, timeout.Token);
        }

        Redis = await ConnectionMultiplexer.ConnectAsync(options);
        await Redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _server?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>A fact that needs redis-server installed; skipped (not passed) where it is not.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServerFixture.ServerPath is null)
        {
            Skip = "redis-server is not installed";
        }
    }
}
