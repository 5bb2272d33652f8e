using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>
/// The skill conformance check (<c>POST /api/skill/conformance</c>, the "Check skill conformance" command): runs a
/// checklist against the configured skill (<see cref="SkillOptions"/>) as Amazon's certification does, with the
/// skill's test account, and reports each item with its evidence. It touches nobody else's state: it links the test
/// account itself (nothing is stored in the assistant's links), and revokes what it was granted at the end.
/// </summary>
internal sealed partial class SkillConformanceCheck
{
    public const string HttpClientName = "skill-conformance";

    /// <summary>The pseudo person whose event grant AcceptGrant carries (not a person of the world).</summary>
    public const string ConformanceUser = "skill-conformance";

    /// <summary>Alexa's account-linking rule: the token endpoint answers within 4.5 s.</summary>
    public static readonly TimeSpan TokenEndpointBudget = TimeSpan.FromSeconds(4.5);

    /// <summary>Alexa's wait for a directive's answer.</summary>
    public static readonly TimeSpan DirectiveBudget = TimeSpan.FromSeconds(8);

    /// <summary>Amazon's minimum access-token lifetime for account linking.</summary>
    public const int MinimumAccessTokenSeconds = 360;

    /// <summary>The directives the check sends for each interface it knows (the others are listed as not exercised).</summary>
    private static readonly IReadOnlyDictionary<string, (string Name, Func<JsonObject> Payload)[]> Exercised =
        new Dictionary<string, (string, Func<JsonObject>)[]>
        {
            ["Alexa.PowerController"] = [("TurnOn", () => []), ("TurnOff", () => [])],
            ["Alexa.BrightnessController"] = [("SetBrightness", () => new() { ["brightness"] = 50 }), ("AdjustBrightness", () => new() { ["brightnessDelta"] = -10 })],
            ["Alexa.PercentageController"] = [("SetPercentage", () => new() { ["percentage"] = 50 }), ("AdjustPercentage", () => new() { ["percentageDelta"] = -10 })],
            ["Alexa.PowerLevelController"] = [("SetPowerLevel", () => new() { ["powerLevel"] = 50 }), ("AdjustPowerLevel", () => new() { ["powerLevelDelta"] = -10 })],
        };

    /// <summary>Interfaces that have no directives of their own to send (ReportState covers their properties).</summary>
    private static readonly HashSet<string> WithoutDirectives = ["Alexa", "Alexa.EndpointHealth"];

    private readonly HttpClient _http;
    private readonly SkillOptions _skill;
    private readonly LinkingOptions _linking;
    private readonly SkillMessageSchema _schema;
    private readonly LwaTokenService? _eventTokens;
    private readonly ILogger<SkillConformanceCheck> _logger;
    private readonly TimeProvider _time;
    private readonly List<TimeSpan> _tokenTimes = [];
    private readonly List<ConformanceItem> _items = [];

    public SkillConformanceCheck(IHttpClientFactory httpClientFactory, IOptions<SkillOptions> skill, IOptions<LinkingOptions> linking,
        SkillMessageSchema schema, TimeProvider time, ILogger<SkillConformanceCheck> logger, LwaTokenService? eventTokens = null)
    {
        _http = httpClientFactory.CreateClient(HttpClientName);
        (_skill, _linking, _schema, _time, _logger, _eventTokens) = (skill.Value, linking.Value, schema, time, logger, eventTokens);
    }

    /// <summary>An endpoint as Discover.Response declared it.</summary>
    private sealed record Declared(string EndpointId, string FriendlyName, JsonObject? Cookie, IReadOnlyList<string> Interfaces, bool ProactivelyReports);

    public async Task<ConformanceReport> RunAsync(CancellationToken cancellationToken)
    {
        var checkedAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        using var activity = AssistantCloudTelemetry.Source.StartActivity("skill conformance check");
        try
        {
            await RunItemsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Add("check", "The check ran to its end", false, $"it stopped: {ex.Message}");
        }

        var summary = ConformanceReport.Summarize(_items);
        var passed = _items.All(i => i.Passed);
        activity?.SetTag("smarthome.conformance.passed", passed);
        LogChecked(_logger, _skill.Endpoint.ToString(), summary);
        return new ConformanceReport(_skill.Endpoint.ToString(), _skill.Issuer.ToString(),
            string.IsNullOrEmpty(_skill.TestAccountEmail) ? null : _skill.TestAccountEmail, checkedAt,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, passed, summary, [.. _items]);
    }

    private async Task RunItemsAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_skill.TestAccountEmail) || string.IsNullOrEmpty(_skill.TestAccountPassword))
        {
            Add("test-account", "A test account at the skill is configured", false,
                "Skill:TestAccountEmail and Skill:TestAccountPassword (AppHost parameters skill-test-email, skill-test-password) are not set: the check signs in as that account.");
            return;
        }

        // Account linking: the metadata, then authorization code + PKCE through the test account's sign-in.
        AuthorizationServerMetadata metadata;
        try
        {
            metadata = await ReadMetadataAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is AuthorizationServerMetadataException or HttpRequestException or System.Text.Json.JsonException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Add("account-linking-pkce", "Account linking: authorization code with PKCE (S256)", false,
                $"the RFC 8414 metadata at {_skill.MetadataAddress} could not be read: {ex.Message}");
            return;
        }

        var tokens = await LinkAsync(metadata, cancellationToken);
        await CheckPkceEnforcedAsync(metadata, cancellationToken);
        if (tokens is null)
        {
            AddTokenLatency();
            return;
        }

        var accessToken = await CheckRefreshAsync(metadata, tokens, cancellationToken) ?? tokens.AccessToken!;
        AddTokenLatency();

        var endpoints = await CheckDiscoveryAsync(accessToken, cancellationToken);
        if (endpoints is not null)
        {
            await CheckDirectivesAsync(endpoints, accessToken, cancellationToken);
            await CheckReportStateAsync(endpoints, accessToken, cancellationToken);
            await CheckNoSuchEndpointAsync(accessToken, cancellationToken);
            await CheckValueOutOfRangeAsync(endpoints, accessToken, cancellationToken);
            await CheckAcceptGrantAsync(endpoints, accessToken, cancellationToken);
        }

        await CheckBadTokensAsync(metadata, endpoints, tokens.AccessToken!, cancellationToken);
        // Leave nothing granted behind: the test account's grant ends with the check.
        if (tokens.RefreshToken is not null)
        {
            await RevokeAsync(metadata, _lastRefreshToken ?? tokens.RefreshToken, "refresh_token", cancellationToken);
        }
    }

    private string? _lastRefreshToken;

    private async Task<TokenAnswer?> LinkAsync(AuthorizationServerMetadata metadata, CancellationToken cancellationToken)
    {
        const string id = "account-linking-pkce";
        const string title = "Account linking: authorization code with PKCE (S256)";
        if (metadata.AuthorizationEndpoint is not { IsAbsoluteUri: true } || metadata.TokenEndpoint is not { IsAbsoluteUri: true })
        {
            Add(id, title, false, $"the metadata at {_skill.MetadataAddress} names no absolute authorization_endpoint and token_endpoint");
            return null;
        }

        var s256 = metadata.CodeChallengeMethodsSupported?.Contains("S256") == true;
        var verifier = NewVerifier();
        var state = NewVerifier();
        var signIn = await SignInAsync(metadata, state, verifier, cancellationToken);
        if (signIn.Code is null)
        {
            Add(id, title, false, $"signing in as {_skill.TestAccountEmail} gave no code: {signIn.Problem ?? "error=" + signIn.Error}");
            return null;
        }

        var answer = await RedeemAsync(metadata, signIn.Code, verifier, cancellationToken);
        var problems = new List<string>();
        if (!s256)
        {
            problems.Add("the metadata does not list S256 in code_challenge_methods_supported");
        }

        if (!signIn.StateEchoed)
        {
            problems.Add("the redirect did not echo the state");
        }

        if (!answer.Succeeded)
        {
            problems.Add($"the token endpoint answered the code with {answer.Describe()}");
        }
        else if (answer.ExpiresIn is < MinimumAccessTokenSeconds)
        {
            problems.Add($"the access token lives {answer.ExpiresIn} s, under Amazon's minimum of {MinimumAccessTokenSeconds} s");
        }

        Add(id, title, problems.Count == 0, problems.Count == 0
            ? $"metadata at {_skill.MetadataAddress} (S256 listed); signed in as {_skill.TestAccountEmail} at the authorize page; the redirect carried a code and the state; the code with its verifier got {answer.Describe()} in {Ms(answer.Took)}"
            : string.Join("; ", problems));
        return answer.Succeeded ? answer : null;
    }

    /// <summary>PKCE is enforced: no code without a challenge, and a code is refused with the wrong verifier.</summary>
    private async Task CheckPkceEnforcedAsync(AuthorizationServerMetadata metadata, CancellationToken cancellationToken)
    {
        const string id = "pkce-enforced";
        const string title = "PKCE is enforced (no code without a challenge; a wrong verifier is refused)";
        if (metadata.AuthorizationEndpoint is null || metadata.TokenEndpoint is null)
        {
            Add(id, title, false, "not run: the metadata names no authorization and token endpoints");
            return;
        }

        var evidence = new List<string>();
        var passed = true;
        var withoutPkce = await SignInAsync(metadata, NewVerifier(), codeVerifier: null, cancellationToken);
        if (withoutPkce.Code is not null)
        {
            passed = false;
            evidence.Add("an authorize request without code_challenge was answered with a code");
            // Spend it the way an attacker would not need to: nothing to revoke, the grant is refused below or dies unused.
        }
        else
        {
            evidence.Add($"an authorize request without code_challenge was refused ({withoutPkce.Error ?? withoutPkce.Problem})");
        }

        var verifier = NewVerifier();
        var signIn = await SignInAsync(metadata, NewVerifier(), verifier, cancellationToken);
        if (signIn.Code is null)
        {
            passed = false;
            evidence.Add($"a second sign-in gave no code: {signIn.Problem ?? signIn.Error}");
        }
        else
        {
            var wrong = await RedeemAsync(metadata, signIn.Code, NewVerifier(), cancellationToken);
            if (wrong.Succeeded)
            {
                passed = false;
                evidence.Add("a code redeemed with the wrong code_verifier got tokens");
                await RevokeAsync(metadata, wrong.RefreshToken ?? wrong.AccessToken!, wrong.RefreshToken is null ? "access_token" : "refresh_token", cancellationToken);
            }
            else
            {
                var invalidGrant = wrong.Error == "invalid_grant" && wrong.Status == 400;
                passed &= invalidGrant;
                evidence.Add($"a code redeemed with the wrong code_verifier got {wrong.Describe()}{(invalidGrant ? "" : ", not 400 invalid_grant")}");
            }
        }

        Add(id, title, passed, string.Join("; ", evidence));
    }

    private async Task<string?> CheckRefreshAsync(AuthorizationServerMetadata metadata, TokenAnswer tokens, CancellationToken cancellationToken)
    {
        const string id = "token-refresh";
        const string title = "Token refresh (grant_type=refresh_token)";
        if (tokens.RefreshToken is null)
        {
            Add(id, title, false, "the code exchange issued no refresh token: the assistant could not keep the link alive");
            return null;
        }

        var refreshed = await RefreshAsync(metadata, tokens.RefreshToken, cancellationToken);
        if (!refreshed.Succeeded)
        {
            Add(id, title, false, $"the refresh token got {refreshed.Describe()}");
            return null;
        }

        _lastRefreshToken = refreshed.RefreshToken ?? tokens.RefreshToken;
        var rotated = refreshed.RefreshToken is not null && refreshed.RefreshToken != tokens.RefreshToken;
        Add(id, title, true, $"the refresh token got {refreshed.Describe()} in {Ms(refreshed.Took)}; the refresh token was {(rotated ? "rotated" : "kept")}");
        return refreshed.AccessToken;
    }

    private void AddTokenLatency()
    {
        if (_tokenTimes.Count == 0)
        {
            Add("token-endpoint-latency", "The token endpoint answers within 4.5 s", false, "not run: the token endpoint was never reached");
            return;
        }

        var slowest = _tokenTimes.Max();
        Add("token-endpoint-latency", "The token endpoint answers within 4.5 s", slowest <= TokenEndpointBudget,
            $"{_tokenTimes.Count} requests, the slowest {Ms(slowest)} (budget {Ms(TokenEndpointBudget)}): {string.Join(", ", _tokenTimes.Select(Ms))}");
    }

    private async Task<IReadOnlyList<Declared>?> CheckDiscoveryAsync(string accessToken, CancellationToken cancellationToken)
    {
        const string id = "discovery";
        const string title = "Discovery: Discover.Response valid against Amazon's schema";
        var answer = await SendAsync(ConformanceDirectives.Discover(accessToken), cancellationToken);
        var problems = new List<string>();
        if (answer.Namespace != "Alexa.Discovery" || answer.Name != "Discover.Response" || answer.Status is < 200 or > 299)
        {
            problems.Add($"the answer is {answer.Describe()}, not Alexa.Discovery.Discover.Response");
        }
        else if (await SchemaProblemsAsync(answer) is { } invalid)
        {
            problems.Add(invalid);
        }

        var declared = Endpoints(answer);
        if (problems.Count == 0 && declared.Count == 0)
        {
            problems.Add("the test account has no endpoints: nothing to check directives on");
        }

        var notExercised = declared.SelectMany(e => e.Interfaces).Distinct()
            .Where(i => !Exercised.ContainsKey(i) && !WithoutDirectives.Contains(i)).ToList();
        Add(id, title, problems.Count == 0, problems.Count > 0
            ? string.Join("; ", problems)
            : $"{declared.Count} endpoints ({string.Join(", ", declared.Select(e => $"{e.FriendlyName} [{e.EndpointId}]: {string.Join(" ", e.Interfaces)}"))}) in {Ms(answer.Took)}, schema-valid"
              + (notExercised.Count > 0 ? $"; interfaces this check does not exercise: {string.Join(", ", notExercised)}" : ""));
        // An invalid answer that still names endpoints: the other items are checked on them, so that every finding shows.
        return declared.Count > 0 ? declared : null;
    }

    private async Task CheckDirectivesAsync(IReadOnlyList<Declared> endpoints, string accessToken, CancellationToken cancellationToken)
    {
        foreach (var (@interface, directives) in Exercised)
        {
            var declaring = endpoints.Where(e => e.Interfaces.Contains(@interface)).ToList();
            if (declaring.Count == 0)
            {
                continue;
            }

            var evidence = new List<string>();
            var passed = true;
            foreach (var endpoint in declaring)
            {
                foreach (var (name, payload) in directives)
                {
                    var directive = ConformanceDirectives.ForEndpoint(@interface, name, endpoint.EndpointId, endpoint.Cookie, accessToken, payload());
                    var answer = await SendAsync(directive, cancellationToken);
                    var problem = await ResponseProblemAsync(answer, directive, "Response", endpoint.EndpointId);
                    passed &= problem is null;
                    evidence.Add(problem is null
                        ? $"{endpoint.EndpointId} {name}: Alexa.Response with {answer.ContextProperties!.Count} context properties in {Ms(answer.Took)}"
                        : $"{endpoint.EndpointId} {name}: {problem}");
                }
            }

            Add($"directives:{@interface}", $"{@interface}: every directive answered with a schema-valid Response with context", passed, string.Join("; ", evidence));
        }
    }

    private async Task CheckReportStateAsync(IReadOnlyList<Declared> endpoints, string accessToken, CancellationToken cancellationToken)
    {
        var evidence = new List<string>();
        var passed = true;
        foreach (var endpoint in endpoints)
        {
            var directive = ConformanceDirectives.ForEndpoint("Alexa", "ReportState", endpoint.EndpointId, endpoint.Cookie, accessToken, []);
            var answer = await SendAsync(directive, cancellationToken);
            var problem = await ResponseProblemAsync(answer, directive, "StateReport", endpoint.EndpointId);
            passed &= problem is null;
            evidence.Add(problem is null
                ? $"{endpoint.EndpointId}: StateReport with {string.Join(", ", answer.ContextProperties!.Select(p => $"{SkillAnswer.Text(p?["namespace"])}.{SkillAnswer.Text(p?["name"])}"))}"
                : $"{endpoint.EndpointId}: {problem}");
        }

        Add("report-state", "ReportState: a schema-valid StateReport with the endpoint's properties", passed, string.Join("; ", evidence));
    }

    private async Task CheckNoSuchEndpointAsync(string accessToken, CancellationToken cancellationToken)
    {
        var unknown = $"conformance-unknown-{Guid.NewGuid():N}";
        var directive = ConformanceDirectives.ForEndpoint("Alexa.PowerController", "TurnOn", unknown, null, accessToken, []);
        var answer = await SendAsync(directive, cancellationToken);
        var problem = await ErrorProblemAsync(answer, directive, "NO_SUCH_ENDPOINT");
        Add("error-no-such-endpoint", "An unknown endpoint gets ErrorResponse NO_SUCH_ENDPOINT", problem is null,
            problem ?? $"TurnOn to {unknown}: {answer.Describe()}, schema-valid");
    }

    private async Task CheckValueOutOfRangeAsync(IReadOnlyList<Declared> endpoints, string accessToken, CancellationToken cancellationToken)
    {
        const string id = "error-value-out-of-range";
        const string title = "An out-of-range value gets ErrorResponse VALUE_OUT_OF_RANGE";
        (string Interface, string Name, string Field)[] candidates =
        [
            ("Alexa.BrightnessController", "SetBrightness", "brightness"),
            ("Alexa.PercentageController", "SetPercentage", "percentage"),
            ("Alexa.PowerLevelController", "SetPowerLevel", "powerLevel"),
        ];
        foreach (var (@interface, name, field) in candidates)
        {
            if (endpoints.FirstOrDefault(e => e.Interfaces.Contains(@interface)) is not { } endpoint)
            {
                continue;
            }

            var directive = ConformanceDirectives.ForEndpoint(@interface, name, endpoint.EndpointId, endpoint.Cookie, accessToken,
                new JsonObject { [field] = 101 });
            var answer = await SendAsync(directive, cancellationToken);
            var problem = await ErrorProblemAsync(answer, directive, "VALUE_OUT_OF_RANGE");
            Add(id, title, problem is null, problem ?? $"{endpoint.EndpointId} {name} {field}=101: {answer.Describe()}, schema-valid");
            return;
        }

        Add(id, title, true, "not applicable: no endpoint declares a controller with a bounded value (Brightness, Percentage, PowerLevel)");
    }

    /// <summary>A token the skill never issued, and one it was asked to revoke, each get INVALID_ or EXPIRED_AUTHORIZATION_CREDENTIAL.</summary>
    private async Task CheckBadTokensAsync(AuthorizationServerMetadata metadata, IReadOnlyList<Declared>? endpoints, string firstAccessToken,
        CancellationToken cancellationToken)
    {
        const string id = "error-expired-token";
        const string title = "An expired or invalid token gets INVALID_AUTHORIZATION_CREDENTIAL / EXPIRED_AUTHORIZATION_CREDENTIAL";
        if (endpoints is not { Count: > 0 })
        {
            Add(id, title, false, "not run: Discovery named no endpoint to send a directive to");
            return;
        }

        var target = endpoints[0];
        var evidence = new List<string>();
        var passed = true;
        async Task ProbeAsync(string token, string what)
        {
            var directive = ConformanceDirectives.ForEndpoint("Alexa", "ReportState", target.EndpointId, target.Cookie, token, []);
            var answer = await SendAsync(directive, cancellationToken);
            var problem = await ErrorProblemAsync(answer, directive, "INVALID_AUTHORIZATION_CREDENTIAL", "EXPIRED_AUTHORIZATION_CREDENTIAL");
            passed &= problem is null;
            evidence.Add($"{what}: {problem ?? answer.Describe() + ", schema-valid"}");
        }

        await ProbeAsync($"conformance-never-issued-{Guid.NewGuid():N}", "a token the skill never issued");
        if (await RevokeAsync(metadata, firstAccessToken, "access_token", cancellationToken))
        {
            await ProbeAsync(firstAccessToken, "the first access token after revoking it (RFC 7009)");
        }
        else
        {
            evidence.Add("no revoked-token probe: the skill publishes no revocation endpoint or refused the revocation");
        }

        Add(id, title, passed, string.Join("; ", evidence));
    }

    private async Task CheckAcceptGrantAsync(IReadOnlyList<Declared> endpoints, string accessToken, CancellationToken cancellationToken)
    {
        const string id = "accept-grant";
        const string title = "AcceptGrant answered where proactive reporting is declared";
        if (!endpoints.Any(e => e.ProactivelyReports))
        {
            Add(id, title, true, "not applicable: no property is declared proactivelyReported");
            return;
        }

        // A real grant code of the assistant's token service when it runs here (the skill may exchange it); a made-up one otherwise.
        var code = _eventTokens is null ? $"conformance-grant-{Guid.NewGuid():N}" : await _eventTokens.IssueGrantCodeAsync(ConformanceUser, Skills.VendorSkillId);
        var directive = ConformanceDirectives.AcceptGrant(code, accessToken);
        var answer = await SendAsync(directive, cancellationToken);
        var problem = answer.Namespace == "Alexa.Authorization" && answer.Name == "AcceptGrant.Response" && answer.Status is >= 200 and <= 299
            ? await SchemaProblemsAsync(answer)
            : $"the answer is {answer.Describe()}, not Alexa.Authorization.AcceptGrant.Response";
        Add(id, title, problem is null, problem ?? $"Alexa.Authorization.AcceptGrant.Response in {Ms(answer.Took)}, schema-valid");
    }

    /// <summary>Null when the answer is the expected schema-valid event for the directive, with context properties; else what is wrong.</summary>
    private async Task<string?> ResponseProblemAsync(SkillAnswer answer, JsonObject directive, string expectedName, string endpointId)
    {
        if (answer.TransportProblem is not null || answer.Json is null || answer.Status is < 200 or > 299)
        {
            return answer.Describe();
        }

        if (answer.Namespace != "Alexa" || answer.Name != expectedName)
        {
            return $"{answer.Describe()}, not Alexa.{expectedName}";
        }

        if (answer.CorrelationToken != ConformanceDirectives.CorrelationTokenOf(directive))
        {
            return "the correlationToken is not the directive's";
        }

        if (answer.EndpointId != endpointId)
        {
            return $"event.endpoint.endpointId is '{answer.EndpointId}', not '{endpointId}'";
        }

        if (answer.ContextProperties is not { Count: > 0 })
        {
            return "no context.properties (Alexa needs the endpoint's state with every answer)";
        }

        return await SchemaProblemsAsync(answer);
    }

    /// <summary>Null when the answer is a schema-valid Alexa.ErrorResponse of one of the types; else what is wrong.</summary>
    private async Task<string?> ErrorProblemAsync(SkillAnswer answer, JsonObject directive, params string[] types)
    {
        if (answer.TransportProblem is not null || answer.Json is null)
        {
            return answer.Describe();
        }

        if (answer.Name != "ErrorResponse" || answer.ErrorType is not { } type || !types.Contains(type))
        {
            return $"{answer.Describe()}, not ErrorResponse {string.Join(" or ", types)}";
        }

        if (answer.Status is < 200 or > 299)
        {
            return $"ErrorResponse {type} with HTTP {answer.Status}: the assistant reads an answer only from a 2xx";
        }

        if (answer.CorrelationToken != ConformanceDirectives.CorrelationTokenOf(directive))
        {
            return $"ErrorResponse {type}, but the correlationToken is not the directive's";
        }

        return await SchemaProblemsAsync(answer);
    }

    private async Task<string?> SchemaProblemsAsync(SkillAnswer answer) =>
        await _schema.ProblemsAsync(answer.Body) is { } problems ? $"{answer.Name} is not valid against Amazon's schema: {problems}" : null;

    private static List<Declared> Endpoints(SkillAnswer answer)
    {
        if (answer.Event?["payload"]?["endpoints"] is not JsonArray endpoints)
        {
            return [];
        }

        return endpoints.OfType<JsonObject>()
            .Where(e => SkillAnswer.Text(e["endpointId"]) is { Length: > 0 })
            .Select(e =>
            {
                var capabilities = (e["capabilities"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
                return new Declared(
                    SkillAnswer.Text(e["endpointId"])!,
                    SkillAnswer.Text(e["friendlyName"]) ?? "(no name)",
                    e["cookie"] as JsonObject,
                    capabilities.Select(c => SkillAnswer.Text(c["interface"])).OfType<string>().ToList(),
                    capabilities.Any(c => c["properties"]?["proactivelyReported"] is JsonValue v && v.TryGetValue<bool>(out var p) && p));
            })
            .ToList();
    }

    private void Add(string id, string title, bool passed, string evidence) => _items.Add(new ConformanceItem(id, title, passed, evidence));

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";

    [LoggerMessage(Level = LogLevel.Information, Message = "Skill conformance check of {SkillEndpoint}: {Summary}")]
    private static partial void LogChecked(ILogger logger, string skillEndpoint, string summary);
}
