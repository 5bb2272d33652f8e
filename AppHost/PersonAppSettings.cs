using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.AppHost;

/// <summary>
/// The person's app on assistantcloud (README, "The Assistant app"): its endpoint in the dashboard's resource row, the
/// people's passwords, and the development switch that lets a call of the person's API without a session name its person.
/// </summary>
internal static class PersonAppSettings
{
    /// <summary>The endpoint's name, and its port under <c>dotnet run</c> (tests get a random one).</summary>
    public const string EndpointName = "app";
    public const int Port = 5500;
    public const string DisplayText = "Assistant app";

    /// <summary>The development switch (true by default, so the README's curl lines and the tests keep working).</summary>
    public const string WithoutSessionParameter = "person-api-without-session";

    /// <summary>A person's password parameter: <c>owner-app-password</c> for the story's person.</summary>
    public static string PasswordParameter(string person) => $"{person}-app-password";

    public static IResourceBuilder<ProjectResource> WithPersonApp(this IResourceBuilder<ProjectResource> assistant,
        IDistributedApplicationBuilder builder, WorldSettings world)
    {
        assistant.WithHttpEndpoint(port: Port, name: EndpointName)
            .WithUrlForEndpoint(EndpointName, url => url.DisplayText = DisplayText)
            .WithEnvironment("PersonApp__Url", assistant.GetEndpoint(EndpointName));

        var withoutSession = builder.AddParameterWithDefault(WithoutSessionParameter, "true")
            .WithDescription("Development switch. true: a call of the person's API without a session may name its person in the body or path (the README's curl lines, the tests); false: every call needs the person's session (sign in to the Assistant app). A call with a session is always bound to its person.");
        assistant.WithEnvironment("PersonApi__AllowWithoutSession", withoutSession);

        // Each person of a world file has a secret parameter of their own; a fleet's user-n derive theirs from the story
        // person's (HMAC-SHA256 keyed by it, "app:user-n"), as every other derived secret of a fleet.
        var people = world.FleetHomes > 0 ? [world.World.StoryPerson] : world.World.People;
        foreach (var person in people)
        {
            var password = builder.AddParameter(PasswordParameter(person.Id),
                new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true)
                .WithDescription($"The password {person.Id} signs in to the Assistant app with.");
            assistant.WithEnvironment($"PersonApp__Passwords__{person.Id}", password);
            if (person.Id == world.AssistantUser)
            {
                assistant.WithEnvironment("PersonApp__PasswordSeed", password);
            }
        }

        // The diagnosis page links a failed command's trace in the dashboard, wherever it listens (random in tests).
        assistant.WithEnvironment(context =>
        {
            var model = context.ExecutionContext.Services.GetService<DistributedApplicationModel>();
            if (model?.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == "aspire-dashboard") is { } dashboard)
            {
                context.EnvironmentVariables["PersonApp__DashboardUrl"] = dashboard.GetEndpoint("http");
            }
            else if (builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] is { Length: > 0 } url && !url.EndsWith(":0", StringComparison.Ordinal))
            {
                context.EnvironmentVariables["PersonApp__DashboardUrl"] = url;
            }
        });
        return assistant;
    }
}
