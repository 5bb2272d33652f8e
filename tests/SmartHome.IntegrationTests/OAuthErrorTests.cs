using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>Every way to get the token endpoint wrong gets its RFC 6749 5.2 error, never a 500.</summary>
[Collection(SmartHomeCollection.Name)]
public sealed class OAuthErrorTests(SmartHomeAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AWrongPkceVerifierIsInvalidGrant()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var oauth = new VendorOAuth(fixture);
        var (code, _) = await oauth.GetCodeAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);

        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_grant", Form(("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", oauth.RedirectUri), ("code_verifier", new string('x', 43))));
    }

    [Fact]
    public async Task AReusedCodeIsInvalidGrantAndRevokesWhatItIssued()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var oauth = new VendorOAuth(fixture);
        var (code, verifier) = await oauth.GetCodeAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        var first = await oauth.ExchangeAsync(code, verifier, cts.Token);
        Assert.False(first.IsError, first.Error);

        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_grant", Form(("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", oauth.RedirectUri), ("code_verifier", verifier)));

        var report = await fixture.SendAsync(AlexaDirectives.Directive("Alexa", "ReportState", first.AccessToken!, "plug-1"));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", report.ErrorType());
    }

    [Fact]
    public async Task ACodeOlderThanSixtySecondsIsInvalidGrant()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var oauth = new VendorOAuth(fixture);
        var (code, verifier) = await oauth.GetCodeAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        await fixture.AdvanceClockAsync(TimeSpan.FromSeconds(61));

        var late = await oauth.ExchangeAsync(code, verifier, cts.Token);
        Assert.Equal("invalid_grant", late.Error);
    }

    [Fact]
    public async Task ARedirectUriMismatchIsRefusedAtBothEndpoints()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var oauth = new VendorOAuth(fixture);
        var (code, verifier) = await oauth.GetCodeAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        var mismatch = await oauth.ExchangeAsync(code, verifier, cts.Token, redirectUri: "http://attacker.example/callback");
        Assert.Equal("invalid_grant", mismatch.Error);

        // At the authorize endpoint an unregistered redirect_uri never gets a redirect (no open redirector).
        var (url, _, _) = oauth.NewAuthorization();
        var tampered = new Uri(url.ToString().Replace(Uri.EscapeDataString(oauth.RedirectUri), Uri.EscapeDataString("http://attacker.example/cb"), StringComparison.Ordinal));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var page = await browser.GetAsync(tampered, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
    }

    [Fact]
    public async Task AWrongClientSecretIsInvalidClient()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var oauth = new VendorOAuth(fixture);
        var (code, verifier) = await oauth.GetCodeAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);

        await ExpectErrorAsync(HttpStatusCode.Unauthorized, "invalid_client", Form(("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", oauth.RedirectUri), ("code_verifier", verifier)), clientSecret: "not-the-secret");
    }

    [Fact]
    public async Task AnUnknownGrantTypeAndMissingParametersGetTheirErrors()
    {
        await ExpectErrorAsync(HttpStatusCode.BadRequest, "unsupported_grant_type",
            Form(("grant_type", "password"), ("username", "owner@example.com"), ("password", "x")));
        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_request", Form(("grant_type", "authorization_code")));
        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_request", Form(("grant_type", "refresh_token")));
        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_request", Form());
        await ExpectErrorAsync(HttpStatusCode.BadRequest, "invalid_grant", Form(("grant_type", "refresh_token"), ("refresh_token", "never-issued")));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields)
        => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private async Task ExpectErrorAsync(HttpStatusCode status, string error, FormUrlEncodedContent form, string? clientSecret = null)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{VendorOAuth.ClientId}:{clientSecret ?? SmartHomeAppFixture.AssistantClientSecret}")));
        using var response = await vendor.SendAsync(request).WaitAsync(Timeout);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(status == response.StatusCode, $"expected {(int)status} {error}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(error, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }
}
