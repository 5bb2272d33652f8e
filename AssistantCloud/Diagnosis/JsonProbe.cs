using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// One GET of another party's JSON view within a budget, end to end (body included), every failure turned
/// into a short fact ("timeout", "refused", "503", ...) instead of an exception: a diagnosis must answer.
/// </summary>
internal static class JsonProbe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="http">The client to send with.</param>
    /// <param name="request">The GET to send.</param>
    /// <param name="budget">The whole request's budget, body included.</param>
    /// <param name="notFoundIsAnAnswer">Whether a 404 means "I do not know it" (an answer) rather than a failure.</param>
    /// <param name="notTheView">The fact to report when the body is not the expected view.</param>
    /// <param name="cancellationToken">The caller's cancellation, which is not a timeout.</param>
    public static async Task<(ProbeOutcome Outcome, string? Problem, TView? View)> GetAsync<TView>(HttpClient http,
        HttpRequestMessage request, TimeSpan budget, bool notFoundIsAnAnswer, string notTheView, CancellationToken cancellationToken)
        where TView : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            if (notFoundIsAnAnswer && response.StatusCode == HttpStatusCode.NotFound)
            {
                return (ProbeOutcome.NotFound, null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            return await response.Content.ReadFromJsonAsync<TView>(Json, deadline.Token) is { } view
                ? (ProbeOutcome.Answered, null, view)
                : Failed("an empty answer");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("timeout");
        }
        catch (HttpRequestException ex)
        {
            return Failed(ProbeFailures.Of(ex));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return Failed(notTheView);
        }

        static (ProbeOutcome, string?, TView?) Failed(string problem) => (ProbeOutcome.Failed, problem, null);
    }
}
