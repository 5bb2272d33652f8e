using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>The person's app: sessions (cookie), antiforgery, the Razor Pages and the live device updates.</summary>
public static class PersonAppServices
{
    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = "assistant-session";

    public static IServiceCollection AddPersonApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PersonApiOptions>(configuration.GetSection(PersonApiOptions.SectionName));
        services.Configure<PersonAppOptions>(configuration.GetSection(PersonAppOptions.SectionName));
        services.AddSingleton<PersonPasswords>();
        // Made when the sign-in page first needs it: hosts of the app without Redis (tests of the person's API) still build.
        services.AddSingleton(provider => new SignInThrottle(provider.GetRequiredService<IConnectionMultiplexer>()));
        services.AddTransient(provider => new PersonHome(
            provider.GetRequiredService<IAssistantStore>(), provider,
            provider.GetRequiredService<IOptions<AssistantOptions>>(), provider.GetRequiredService<TimeProvider>()));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                // Lax: the browser still sends it when the vendor's sign-in page sends the person back (a top-level GET).
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // A session lives in real time: moving the world's clock a year must not sign the person out.
                options.TimeProvider = TimeProvider.System;
                // The API answers 401/403 as problems; only the app's pages redirect to the sign-in page.
                options.Events.OnRedirectToLogin = context => Deny(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Deny(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "assistant-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/SignIn");
            })
            // Found from any host (the service, or a test host whose entry assembly is the test's).
            .AddApplicationPart(typeof(PersonAppServices).Assembly);
        return services;
    }

    /// <summary>Sessions before the endpoints; then the pages and the live updates.</summary>
    public static WebApplication UsePersonApp(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapDeviceEventsApi();
        return app;
    }

    private static Task Deny(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/app"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
