using System.Collections.Concurrent;
using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// Directives waiting for their asynchronous Response, by correlation token. A waiter is registered before the
/// directive is sent (the Response may reach the gateway before the DeferredResponse reaches the handler); an
/// event nobody waits for is dropped. In memory: the utterance that waits lives in this process.
/// </summary>
internal sealed class DeferredResponses
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AlexaEvent>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for <paramref name="correlationToken"/>; dispose the handle when done with it.</summary>
    public Waiter Expect(string correlationToken)
    {
        var completion = new TaskCompletionSource<AlexaEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[correlationToken] = completion;
        return new Waiter(this, correlationToken, completion);
    }

    /// <summary>Hands the asynchronous event to its waiter; false when nobody waits for it (any more).</summary>
    public bool Complete(string correlationToken, AlexaEvent answer) =>
        _waiting.TryRemove(correlationToken, out var completion) && completion.TrySetResult(answer);

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
}
