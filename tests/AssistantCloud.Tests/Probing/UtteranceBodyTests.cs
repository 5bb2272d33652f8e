using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests.Probing;

/// <summary>
/// <c>POST /api/utterances</c> answers oversize and malformed bodies with a 413 or 400 ProblemDetails, never a
/// 500, never a stack trace; and a seeded fuzz of 1,200 bodies gets no 5xx.
/// </summary>
public sealed class UtteranceBodyTests : IAsyncLifetime
{
    public const int Seed = 4040;
    public const int Cases = 1200;

    private AssistantTestHost _host = null!;

    /// <summary>The owner is linked and has the bedroom lamp, so fuzzed utterances reach the whole handler.</summary>
    public async Task InitializeAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAssistantStore();
        await store.EnsureUserAsync("owner", CancellationToken.None);
        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "access-1", "refresh-1",
            time.GetUtcNow().AddHours(1), "owner@example.com", time.GetUtcNow()), CancellationToken.None);
        await store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId,
            [new DiscoveredEndpoint("plug-1", "bedroom lamp", ["LIGHT"], ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController"],
                new Dictionary<string, string>())], CancellationToken.None);
        var vendor = new FakeVendorClient { Answer = d => AlexaAnswers.ErrorResponse(d, "ENDPOINT_UNREACHABLE") };
        _host = await AssistantTestHost.StartAsync(new() { Store = store, Time = time, Vendor = vendor });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static void AssertProblem(int expectedStatus, int status, string body)
    {
        Assert.Equal(expectedStatus, status);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal(expectedStatus, (int?)JsonNode.Parse(body)!["status"]);
    }

    [Fact]
    public async Task A_Content_Length_over_every_limit_is_413_ProblemDetails()
    {
        var answer = await RawHttp.SendAsync(_host.Http.BaseAddress!, "POST", "/api/utterances",
            ["Content-Type: application/json", "Content-Length: 40000000"], Encoding.UTF8.GetBytes("""{"user":"owner","text":" """));

        AssertProblem(413, answer.Status, answer.Body);
        Assert.Equal("application/problem+json", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task A_chunked_body_larger_than_an_utterance_is_413_ProblemDetails()
    {
        var content = new StringContent($$"""{"user":"owner","text":"turn on the {{new string('x', 100_000)}}"}""", Encoding.UTF8, "application/json");
        content.Headers.ContentLength = null;

        var response = await _host.Http.PostAsync("/api/utterances", content);

        AssertProblem(413, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"user":"owner","text":""")]
    [InlineData("""{"user":["owner"],"text":"turn on the bedroom lamp"}""")]
    [InlineData("""[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]""")]
    [InlineData("\u0000\u0001")]
    public async Task A_malformed_body_is_400_ProblemDetails(string body)
    {
        var response = await _host.Http.PostAsync("/api/utterances", new StringContent(body, Encoding.UTF8, "application/json"));

        AssertProblem(400, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fuzzed_utterances_never_get_a_5xx()
    {
        string[] valid =
        [
            """{"user":"owner","text":"set the bedroom lamp to 40 percent"}""",
            """{"user":"owner","text":"turn on the bedroom lamp"}""",
            """{"user":"owner","text":"dim the bedroom lamp by 10 percent"}""",
            """{"user":"owner","text":"is the bedroom lamp on"}""",
            """{"user":"nobody","text":"what is the bedroom lamp's brightness"}""",
        ];

        var failures = new List<string>();
        foreach (var fuzz in JsonFuzzer.Cases(Seed, Cases, valid, oversizeBytes: 16 * 1024))
        {
            using var content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            }

            using var response = await _host.Http.PostAsync("/api/utterances", content);
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"case {fuzz.Index} ({fuzz.Mutation}): {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases got a 5xx:\n" + string.Join("\n", failures.Take(20)));
    }
}
