using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Alexa;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// Directives waiting for their asynchronous Response, by correlation token. A waiter is registered before the
/// directive is sent (the Response may reach the gateway before the DeferredResponse reaches the handler); an
/// event nobody waits for is dropped. The utterance that waits lives in one replica, and the vendor may post the
/// Response to the event gateway of another: an event with no waiter here is relayed on <see cref="Channel"/> (one
/// PUBLISH, only then), and every replica hands what it hears to its own waiter (<see cref="ListenAsync"/>). The
/// relayed event is the parsed one: no token travels.
/// </summary>
internal sealed partial class DeferredResponses(ILogger<DeferredResponses>? logger = null, IConnectionMultiplexer? redis = null)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("assistant:deferred-responses");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly ConcurrentDictionary<string, TaskCompletionSource<AlexaEvent>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for <paramref name="correlationToken"/>; dispose the handle when done with it.</summary>
    public Waiter Expect(string correlationToken)
    {
        var completion = new TaskCompletionSource<AlexaEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[correlationToken] = completion;
        return new Waiter(this, correlationToken, completion);
    }

    /// <summary>Hands the asynchronous event to its waiter in this replica; false when nobody here waits for it (any more).</summary>
    public bool Complete(string correlationToken, AlexaEvent answer) =>
        _waiting.TryRemove(correlationToken, out var completion) && completion.TrySetResult(answer);

    /// <summary>Hands the event to its waiter, here or, through Redis, on another replica.</summary>
    public async Task<DeferredDelivery> CompleteAsync(string correlationToken, AlexaEvent answer)
    {
        if (Complete(correlationToken, answer))
        {
            return DeferredDelivery.Here;
        }

        if (redis is null)
        {
            return DeferredDelivery.NobodyWaits;
        }

        await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new RelayedResponse(correlationToken, answer), Json));
        return DeferredDelivery.Relayed;
    }

    /// <summary>Starts hearing the events other replicas relay (once, at start).</summary>
    public async Task ListenAsync()
    {
        if (redis is null)
        {
            return;
        }

        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            if (message.IsNullOrEmpty)
            {
                return;
            }

            try
            {
                if (JsonSerializer.Deserialize<RelayedResponse>(message.ToString(), Json) is { CorrelationToken: { } token, Answer: { } answer }
                    && Complete(token, answer) && logger is not null)
                {
                    LogRelayed(logger, answer.Name);
                }
            }
            catch (JsonException exception)
            {
                if (logger is not null)
                {
                    LogUnreadable(logger, exception.Message);
                }
            }
        });
    }

    /// <summary>One directive's wait.</summary>
    public sealed class Waiter(DeferredResponses owner, string correlationToken, TaskCompletionSource<AlexaEvent> completion) : IDisposable
    {
        /// <summary>The asynchronous answer, or null when none arrived within <paramref name="timeout"/>.</summary>
        public async Task<AlexaEvent?> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                return await completion.Task.WaitAsync(timeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public void Dispose() => owner._waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<AlexaEvent>>(correlationToken, completion));
    }

    private sealed record RelayedResponse(string CorrelationToken, AlexaEvent Answer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An asynchronous {Name} another replica's event gateway received reached its waiting directive here")]
    private static partial void LogRelayed(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A relayed asynchronous response could not be read: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);
}

/// <summary>Where an asynchronous Response went.</summary>
internal enum DeferredDelivery
{
    /// <summary>To a directive waiting in this replica.</summary>
    Here,

    /// <summary>Published for the other replicas: the one whose directive waits takes it.</summary>
    Relayed,

    /// <summary>Nobody waits for it (one replica, and its waiter gave up): dropped.</summary>
    NobodyWaits,
}
