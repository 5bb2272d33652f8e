using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Linking;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Tests.Conformance;

/// <summary>The skill's configuration (<c>Skill:*</c>) is checked at start, each error naming its key; Skill:Client* win over Linking:*.</summary>
public sealed class SkillOptionsValidatorTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddValidatedOptions<LinkingOptions>(configuration, LinkingOptions.SectionName)
            .Configure(linking => SkillClient.Apply(configuration.GetSection(SkillOptions.SectionName), linking));
        services.AddValidatedOptions<SkillOptions, SkillOptionsValidator>(configuration, SkillOptions.SectionName);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_defaults_point_at_the_vendor_cloud_through_service_discovery()
    {
        using var services = Services(new() { ["Linking:ClientId"] = "assistant", ["Linking:ClientSecret"] = "s3cret" });

        var skill = services.GetRequiredService<IOptions<SkillOptions>>().Value;

        Assert.Equal("http://vendorcloud/alexa/v3/directives", skill.Endpoint.ToString());
        Assert.Equal("http://vendorcloud/.well-known/oauth-authorization-server", skill.MetadataAddress.ToString());
    }

    [Fact]
    public void The_skills_client_registration_wins_over_the_linking_section()
    {
        using var services = Services(new()
        {
            ["Linking:ClientId"] = "assistant",
            ["Linking:ClientSecret"] = "old",
            ["Skill:ClientId"] = "my-alexa-client",
            ["Skill:ClientSecret"] = "new",
            ["Skill:Scope"] = "devices offline_access",
        });

        var linking = services.GetRequiredService<IOptions<LinkingOptions>>().Value;

        Assert.Equal(("my-alexa-client", "new", "devices offline_access"), (linking.ClientId, linking.ClientSecret, linking.Scope));
    }

    [Fact]
    public void A_bad_configuration_is_refused_with_every_problem_named_by_its_key()
    {
        using var services = Services(new()
        {
            ["Skill:Endpoint"] = "skill.example/alexa",
            ["Skill:Issuer"] = "ftp://skill.example",
            ["Skill:TestAccountEmail"] = "tester@example.com",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SkillOptions>>().Value);

        var message = string.Join("\n", error.Failures);
        Assert.Contains("'Skill:Endpoint' must be an absolute http(s) URI", message);
        Assert.Contains("'Skill:Issuer' must be an absolute http(s) URI", message);
        Assert.Contains("'Skill:ClientId (or Linking:ClientId)' is missing", message);
        Assert.Contains("'Skill:ClientSecret (or Linking:ClientSecret)' is missing", message);
        Assert.Contains("'Skill:TestAccountEmail' and 'Skill:TestAccountPassword' go together", message);
    }
}
