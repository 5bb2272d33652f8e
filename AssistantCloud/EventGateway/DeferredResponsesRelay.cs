using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>Subscribes this replica to the asynchronous Responses other replicas' event gateways relay, at start.</summary>
internal sealed partial class DeferredResponsesRelay(DeferredResponses deferred, ILogger<DeferredResponsesRelay> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await deferred.ListenAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Only the relay is lost: a Response reaching this replica's own gateway still finds its waiter.
            LogNotListening(exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not hearing other replicas' asynchronous responses: {Problem}")]
    private partial void LogNotListening(string problem);
}
