using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Checks <see cref="SkillOptions"/> at start: the addresses absolute http(s) URIs, the client registration present
/// (here or under <c>Linking</c>), and a test account's e-mail and password given together. Each error names the key.
/// </summary>
internal sealed class SkillOptionsValidator(IOptions<LinkingOptions> linking) : IValidateOptions<SkillOptions>
{
    public ValidateOptionsResult Validate(string? name, SkillOptions options)
    {
        var errors = new ValidateOptionsResultBuilder();
        RequireHttp(errors, "Skill:Endpoint", options.Endpoint, "the skill's Smart Home API v3 endpoint, where directives are posted");
        RequireHttp(errors, "Skill:Issuer", options.Issuer, "the skill's OAuth 2.0 authorization server, whose RFC 8414 metadata names the linking endpoints");
        RequireHttp(errors, "Skill:SupportApi", options.SupportApi, "the vendor's support API");
        if (options.MetadataUri is not null)
        {
            RequireHttp(errors, "Skill:MetadataUri", options.MetadataUri, "the authorization server's metadata document");
        }

        errors.RequireValue("Skill:ClientId (or Linking:ClientId)", FirstOf(options.ClientId, linking.Value.ClientId));
        errors.RequireValue("Skill:ClientSecret (or Linking:ClientSecret)", FirstOf(options.ClientSecret, linking.Value.ClientSecret));
        if (string.IsNullOrEmpty(options.TestAccountEmail) != string.IsNullOrEmpty(options.TestAccountPassword))
        {
            errors.AddError("Configuration 'Skill:TestAccountEmail' and 'Skill:TestAccountPassword' go together: give both (the conformance check signs in with them) or neither.");
        }

        return errors.Build();
    }

    internal static string FirstOf(string preferred, string fallback) => string.IsNullOrEmpty(preferred) ? fallback : preferred;

    private static void RequireHttp(ValidateOptionsResultBuilder errors, string key, Uri? value, string what)
    {
        if (value is not { IsAbsoluteUri: true } || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
        {
            errors.AddError($"Configuration '{key}' must be an absolute http(s) URI ({what}), not '{value}'.");
        }
    }
}
