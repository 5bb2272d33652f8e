using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Conformance;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using Xunit.Abstractions;

namespace SmartHome.AssistantCloud.Tests.Conformance;

/// <summary>
/// The skill conformance check pointed at a deliberately faulty skill on loopback: each thing the skill gets wrong is
/// a failed item whose evidence says what happened; what it gets right passes.
/// </summary>
public sealed class SkillConformanceCheckTests(ITestOutputHelper output)
{
    private sealed class NoRedirectsFactory : IHttpClientFactory
    {
        private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false };

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private static SkillMessageSchema Schema(IOptions<EventGatewayOptions> options) =>
        new(options, new AlexaEventValidator(options, NullLogger<AlexaEventValidator>.Instance));

    private static SkillConformanceCheck Check(Uri issuer, Uri endpoint, string? schemaPath, string email = "tester@example.com", string password = "tester-password") => new(
        new NoRedirectsFactory(),
        Options.Create(new SkillOptions { Issuer = issuer, Endpoint = endpoint, TestAccountEmail = email, TestAccountPassword = password }),
        Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "s3cret", RedirectUri = "http://localhost/api/link/callback", Scope = "smarthome" }),
        Schema(Options.Create(new EventGatewayOptions { SchemaPath = schemaPath })),
        TimeProvider.System,
        NullLogger<SkillConformanceCheck>.Instance);

    [SkippableFact]
    public async Task Every_fault_of_a_faulty_skill_is_a_failed_item_with_its_evidence()
    {
        var schema = SharedAlexaFiles.SchemaPath;
        await using var skill = await FaultySkill.StartAsync();

        var report = await Check(skill.Address, skill.Endpoint, schema).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var item in report.Items)
        {
            output.WriteLine($"{(item.Passed ? "PASS" : "FAIL")} {item.Id}: {item.Evidence}");
        }

        var items = report.Items.ToDictionary(i => i.Id);
        Assert.False(report.Passed);
        Assert.StartsWith("2 of 12 checks passed; failed: ", report.Summary);
        Assert.Contains("does not list S256", Failed(items, "account-linking-pkce"));
        Assert.Contains("lives 300 s, under Amazon's minimum of 360 s", Failed(items, "account-linking-pkce"));
        Assert.Contains("without code_challenge was answered with a code", Failed(items, "pkce-enforced"));
        Assert.Contains("wrong code_verifier got tokens", Failed(items, "pkce-enforced"));
        Assert.True(items["token-refresh"].Passed, items["token-refresh"].Evidence);
        Assert.Contains("budget 4500 ms", Failed(items, "token-endpoint-latency"));
        Assert.Contains("not valid against Amazon's schema: #/event.payload.endpoints[0].manufacturerName: PropertyRequired", Failed(items, "discovery"));
        Assert.Contains("lamp TurnOn: no context.properties", Failed(items, "directives:Alexa.PowerController"));
        Assert.True(items["directives:Alexa.BrightnessController"].Passed, items["directives:Alexa.BrightnessController"].Evidence);
        Assert.Contains("correlationToken is not the directive's", Failed(items, "report-state"));
        Assert.Contains("ErrorResponse INTERNAL_ERROR", Failed(items, "error-no-such-endpoint"));
        Assert.Contains("ErrorResponse INVALID_VALUE", Failed(items, "error-value-out-of-range"));
        Assert.Contains("ErrorResponse ENDPOINT_UNREACHABLE", Failed(items, "error-expired-token"));
        Assert.Contains("ErrorResponse INVALID_DIRECTIVE (HTTP 200), not Alexa.Authorization.AcceptGrant.Response", Failed(items, "accept-grant"));
        Assert.DoesNotContain(report.Items, i => i.Evidence.Contains("tester-password", StringComparison.Ordinal) || i.Evidence.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_test_account_the_check_says_what_it_needs()
    {
        var report = await Check(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:1/skill"), null, email: "", password: "")
            .RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var item = Assert.Single(report.Items);
        Assert.Equal("test-account", item.Id);
        Assert.False(item.Passed);
        Assert.Contains("skill-test-email", item.Evidence);
    }

    [Fact]
    public async Task A_skill_that_does_not_answer_fails_the_linking_item_with_the_metadata_address()
    {
        var closed = LoopbackHost.ClosedAddress();

        var report = await Check(closed, new Uri(closed, "/skill"), null).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var item = Assert.Single(report.Items);
        Assert.Equal("account-linking-pkce", item.Id);
        Assert.Contains($"{closed}.well-known/oauth-authorization-server", item.Evidence);
        Assert.Equal("0 of 1 checks passed; failed: account-linking-pkce.", report.Summary);
    }

    private static string Failed(Dictionary<string, ConformanceItem> items, string id)
    {
        var item = items[id];
        Assert.False(item.Passed, $"{id} passed: {item.Evidence}");
        return item.Evidence;
    }
}
