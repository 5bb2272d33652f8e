namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// A page of the skill's authorization server that a person's browser opens (the authorize URL), opened by this
/// process instead (the seeding, the conformance check): on the issuer's host it goes through the configured
/// <see cref="SkillOptions.Issuer"/> (service discovery for our vendor cloud), elsewhere as it is.
/// </summary>
internal static class BrowserAddress
{
    public static Uri ForThisProcess(Uri browserUrl, AuthorizationServerMetadata metadata, SkillOptions skill)
    {
        if (metadata.Issuer is null || !Uri.TryCreate(metadata.Issuer, UriKind.Absolute, out var documentIssuer)
            || !string.Equals(documentIssuer.Authority, browserUrl.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return browserUrl;
        }

        return new UriBuilder(browserUrl) { Scheme = skill.Issuer.Scheme, Host = skill.Issuer.Host, Port = skill.Issuer.Port }.Uri;
    }
}
