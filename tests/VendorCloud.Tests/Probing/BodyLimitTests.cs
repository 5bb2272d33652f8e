using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>
/// Oversize and malformed bodies on every vendor endpoint that takes one: an answer in the endpoint's own
/// protocol (Alexa ErrorResponse, OAuth error, JSON error), never a 500, never a stack trace, even in Development.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    /// <summary>Over Kestrel's default 30 MB, and every endpoint's own limit; only a few bytes of it are sent.</summary>
    private const string HugeContentLength = "Content-Length: 40000000";

    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync(environmentName: "Development");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RawHttp.Answer> SendHugeAsync(string path, string contentType, string start) =>
        RawHttp.SendAsync(_host.Http.BaseAddress!, "POST", path, [$"Content-Type: {contentType}", HugeContentLength], Encoding.UTF8.GetBytes(start));

    internal static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/work/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directive_over_every_limit_is_an_Alexa_ErrorResponse_without_a_stack_trace()
    {
        var answer = await SendHugeAsync("/alexa/v3/directives", "application/json", """{"directive":{"header":""");

        Assert.Equal(200, answer.Status);
        AssertNoInternals(answer.Body);
        var payload = JsonNode.Parse(answer.Body)!["event"]!;
        Assert.Equal("ErrorResponse", (string?)payload["header"]!["name"]);
        Assert.Equal("INVALID_DIRECTIVE", (string?)payload["payload"]!["type"]);
    }

    [Fact]
    public async Task A_chunked_directive_over_the_skills_limit_is_an_Alexa_ErrorResponse()
    {
        var body = new StringContent("""{"directive":{"header":{"name":""" + "\"" + new string('a', 200_000) + "\"}}}", Encoding.UTF8, "application/json");
        body.Headers.ContentLength = null; // chunked

        var response = await _host.Http.PostAsync("/alexa/v3/directives", body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("INVALID_DIRECTIVE", (string?)JsonNode.Parse(text)!["event"]!["payload"]!["type"]);
    }

    [Theory]
    [InlineData("/oauth/token", "application/x-www-form-urlencoded", "grant_type=refresh_token&refresh_token=")]
    [InlineData("/oauth/revoke", "application/x-www-form-urlencoded", "token=")]
    [InlineData("/oauth/authorize", "application/x-www-form-urlencoded", "email=owner%40example.com&password=")]
    [InlineData("/account/password", "application/json", """{"email":"owner@example.com","currentPassword":" """)]
    [InlineData("/sim/accounts", "application/json", """{"email":"x@example.com","password":" """)]
    [InlineData("/sim/latency", "application/json", """{"milliseconds":""")]
    public async Task A_body_over_every_limit_is_a_4xx_in_the_endpoints_terms_without_a_stack_trace(string path, string contentType, string start)
    {
        var answer = await SendHugeAsync(path, contentType, start);

        Assert.InRange(answer.Status, 400, 499);
        AssertNoInternals(answer.Body);
    }

    [Theory]
    [InlineData("/sim/accounts", """{"email": [1,2""")]
    [InlineData("/sim/accounts", "[]")]
    [InlineData("/sim/latency", """{"milliseconds":"soon"}""")]
    [InlineData("/account/password", """{"email":{}}""")]
    public async Task A_malformed_JSON_body_is_a_400_without_a_stack_trace(string path, string json)
    {
        var response = await _host.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNoInternals(await response.Content.ReadAsStringAsync());
    }
}
