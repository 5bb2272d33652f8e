using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.LoadDriver;

/// <summary>
/// Sends utterances to the assistant's <c>POST /api/utterances</c> ({"user","text"}) and reads the answer's
/// <c>outcome</c> and Alexa <c>errorType</c>; a request past the timeout is "Timeout", a refused connection
/// "ConnectionFailed", any status but 200 "HTTP code".
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

    public async Task<string> SendAsync(PlannedUtterance utterance, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.PostAsJsonAsync(
                "/api/utterances", new { user = utterance.Person.User, text = utterance.Text }, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var answer = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
            return OutcomeKey(answer.RootElement);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "Timeout";
        }
        catch (HttpRequestException)
        {
            return "ConnectionFailed";
        }
        catch (JsonException)
        {
            return "BadAnswer";
        }
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
