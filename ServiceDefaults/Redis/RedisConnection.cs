using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Connects the process's Redis multiplexer once, on a pool thread, as the host starts. Aspire's client
/// integration creates it with a synchronous Connect in its DI factory, which waits up to ConnectTimeout
/// x ConnectRetry while Redis is away; resolving it here first keeps that wait off the start-up thread and
/// off requests. Whoever must not wait at all takes <see cref="Connected"/> or awaits <see cref="ConnectAsync"/>.
/// </summary>
public sealed class RedisConnection(IServiceProvider services) : IHostedService
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connecting =
        new(() => Task.Run(services.GetRequiredService<IConnectionMultiplexer>));

    /// <summary>The multiplexer once its first connect is over (connected or not: it reconnects by itself), else null.</summary>
    public IConnectionMultiplexer? Connected =>
        _connecting.IsValueCreated && _connecting.Value.IsCompletedSuccessfully ? _connecting.Value.Result : null;

    /// <summary>The multiplexer once its first connect is over.</summary>
    public Task<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken) =>
        _connecting.Value.WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _connecting.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
