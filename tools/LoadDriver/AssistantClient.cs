using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.LoadDriver;

/// <summary>
/// Sends utterances to the assistant's <c>POST /api/utterances</c> ({"user","text"}) and reads the answer's
/// <c>outcome</c> and Alexa <c>errorType</c>; a request past the timeout is "Timeout", a refused connection
/// "ConnectionFailed" (with the reason in <see cref="UtteranceReply.Detail"/>), any status but 200 "HTTP code". The replica
/// that answered (<c>X-Assistant-Replica</c>) and the answer's <c>traceId</c> come with the outcome. A request whose
/// connection closed before any answer is sent once more (<see cref="UtteranceReply.Resent"/>).
/// </summary>
public sealed class AssistantClient(HttpClient http, TimeSpan timeout) : IUtteranceSender
{
    public static HttpClient CreateHttpClient(Uri assistant) =>
        new(new SocketsHttpHandler
        {
            // Open loop: as many connections as requests in flight, never a queue in the driver.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseCookies = false,
        })
        {
            BaseAddress = assistant,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>The assistant's header naming the replica that answered.</summary>
    public const string ReplicaHeader = "X-Assistant-Replica";

    public async Task<UtteranceReply> SendAsync(PlannedUtterance utterance, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            try
            {
                return await PostAsync(utterance, resent: false, deadline.Token);
            }
            catch (HttpRequestException dropped) when (IsDroppedBeforeAnswer(dropped))
            {
                // A kept-alive connection to a replica that is stopping can close just as the request goes out (HTTP/1.1
                // cannot say whether it was read). A person's speaker says it once more; so do we, once (the handler has
                // dropped the closed connection), and the reply says so.
                return await PostAsync(utterance, resent: true, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new("Timeout");
        }
        catch (HttpRequestException failed)
        {
            return new("ConnectionFailed") { Detail = $"{failed.HttpRequestError}: {failed.Message}" };
        }
        catch (JsonException)
        {
            return new("BadAnswer");
        }
    }

    // Closed, reset or refused before any answer (AssistantClientTests has a close and a reset); not a name that does not
    // resolve, a protocol error or a bad answer, which a second try would only repeat.
    private static bool IsDroppedBeforeAnswer(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError;

    private async Task<UtteranceReply> PostAsync(PlannedUtterance utterance, bool resent, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "/api/utterances", new { user = utterance.Person.User, text = utterance.Text }, cancellationToken);
        var replica = response.Headers.TryGetValues(ReplicaHeader, out var replicas) ? replicas.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            return new($"HTTP {(int)response.StatusCode}", replica) { Resent = resent };
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var answer = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var traceId = answer.RootElement.TryGetProperty("traceId", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new(OutcomeKey(answer.RootElement), replica, traceId) { Resent = resent };
    }

    /// <summary>The answer's outcome, with its Alexa error type when it has one.</summary>
    public static string OutcomeKey(JsonElement answer)
    {
        var outcome = answer.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "BadAnswer";
        return answer.TryGetProperty("errorType", out var e) && e.ValueKind == JsonValueKind.String
            ? $"{outcome}:{e.GetString()}"
            : outcome;
    }
}
