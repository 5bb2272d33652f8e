using Microsoft.Extensions.Configuration;

namespace SmartHome.AppHost;

/// <summary>
/// The skill the assistant is pointed at, as AppHost parameters (README, "Point the assistant at your own skill"):
/// <c>skill-endpoint</c>, <c>skill-issuer</c>, <c>skill-client-id</c>, <c>skill-scope</c>, and the conformance
/// check's test account <c>skill-test-email</c> / <c>skill-test-password</c>. The client secret is the parameter
/// <c>assistant-client-secret</c>. The defaults are this project's vendor cloud, through service discovery.
/// </summary>
internal sealed record SkillSettings(
    IResourceBuilder<ParameterResource> Endpoint,
    IResourceBuilder<ParameterResource> Issuer,
    IResourceBuilder<ParameterResource> ClientId,
    IResourceBuilder<ParameterResource> Scope,
    IResourceBuilder<ParameterResource> TestAccountEmail,
    IResourceBuilder<ParameterResource> TestAccountPassword)
{
    public const string DefaultEndpoint = "http://vendorcloud/alexa/v3/directives";
    public const string DefaultIssuer = "http://vendorcloud";
    public const string DefaultTestAccountEmail = "conformance@example.com";

    public static SkillSettings AddParameters(IDistributedApplicationBuilder builder, string assistantClientId)
    {
        // A bad address stops the AppHost at once, naming the parameter (the assistant would refuse it at its start anyway).
        RequireHttpUri(builder.Configuration, "skill-endpoint", DefaultEndpoint);
        RequireHttpUri(builder.Configuration, "skill-issuer", DefaultIssuer);
        return Declare(builder, assistantClientId);
    }

    internal static void RequireHttpUri(IConfiguration configuration, string parameter, string defaultValue)
    {
        var value = configuration[$"Parameters:{parameter}"] is { Length: > 0 } configured ? configured : defaultValue;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DistributedApplicationException(
                $"The AppHost parameter '{parameter}' must be an absolute http(s) URI, not '{value}'. See README, \"Point the assistant at your own skill\".");
        }
    }

    private static SkillSettings Declare(IDistributedApplicationBuilder builder, string assistantClientId) => new(
        builder.AddParameterWithDefault("skill-endpoint", DefaultEndpoint)
            .WithDescription("The skill's Smart Home API v3 endpoint, where the assistant posts directives (default: the vendor cloud's, by service discovery)."),
        builder.AddParameterWithDefault("skill-issuer", DefaultIssuer)
            .WithDescription("The skill's OAuth 2.0 authorization server; the linking endpoints come from its RFC 8414 metadata (/.well-known/oauth-authorization-server)."),
        builder.AddParameterWithDefault("skill-client-id", assistantClientId)
            .WithDescription("The assistant's client id at the skill's authorization server (its secret: assistant-client-secret)."),
        builder.AddParameterWithDefault("skill-scope", "smarthome")
            .WithDescription("The scopes the assistant asks for when linking, space-separated."),
        builder.AddParameterWithDefault("skill-test-email", DefaultTestAccountEmail)
            .WithDescription("The conformance check's test account at the skill (the vendor cloud keeps one with virtual devices)."),
        builder.AddParameter("skill-test-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true));

    /// <summary>What the assistant needs: its <c>Skill__*</c> configuration (Linking__ClientId/Secret kept for the same values).</summary>
    public IResourceBuilder<ProjectResource> Configure(IResourceBuilder<ProjectResource> assistant, IResourceBuilder<ParameterResource> clientSecret) => assistant
        .WithEnvironment("Skill__Endpoint", Endpoint)
        .WithEnvironment("Skill__Issuer", Issuer)
        .WithEnvironment("Skill__ClientId", ClientId)
        .WithEnvironment("Skill__ClientSecret", clientSecret)
        .WithEnvironment("Skill__Scope", Scope)
        .WithEnvironment("Skill__TestAccountEmail", TestAccountEmail)
        .WithEnvironment("Skill__TestAccountPassword", TestAccountPassword);
}

internal static class SkillSettingsExtensions
{
    public static IResourceBuilder<ProjectResource> WithSkill(this IResourceBuilder<ProjectResource> assistant, SkillSettings skill,
        IResourceBuilder<ParameterResource> clientSecret) => skill.Configure(assistant, clientSecret);
}
