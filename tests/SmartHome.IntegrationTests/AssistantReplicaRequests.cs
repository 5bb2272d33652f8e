using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Requests to the assistant behind Aspire's proxy, each on a connection of its own (<c>Connection: close</c>), so that
/// the proxy may pick either replica; the replica that answered is in <c>X-Assistant-Replica</c>.
/// </summary>
public static class AssistantReplicaRequests
{
    public const string ReplicaHeader = "X-Assistant-Replica";

    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public static async Task<(HttpStatusCode Status, string Replica, string Body)> SendToAssistantAsync(this SmartHomeAppFixture fixture,
        HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = fixture.App.GetEndpoint("assistantcloud", "http"), Timeout = Bound };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Wire.Json) };
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request, cancellationToken);
        var replica = response.Headers.TryGetValues(ReplicaHeader, out var values) ? values.Single() : "(none)";
        return (response.StatusCode, replica, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>An utterance of the owner's on a new connection; asserts an HTTP 200 (never a 5xx), bounded.</summary>
    public static async Task<(UtteranceAnswer Answer, string Replica)> SayOnAnyReplicaAsync(this SmartHomeAppFixture fixture, string text)
    {
        using var cts = new CancellationTokenSource(Bound);
        var (status, replica, body) = await fixture.SendToAssistantAsync(HttpMethod.Post, "/api/utterances", new UtteranceRequest("owner", text), cts.Token);
        Assert.True(status == HttpStatusCode.OK, $"POST /api/utterances '{text}' on replica {replica} answered {(int)status}: {body}");
        return (JsonSerializer.Deserialize<UtteranceAnswer>(body, Wire.Json)!, replica);
    }
}
