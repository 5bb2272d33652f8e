using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The <c>/sim</c> endpoints of every service (clock, faults, accounts, and any added later) are switches for
/// the local developer and the tests, unauthenticated by design. They answer in Development, or where
/// <c>Simulation:Enabled</c> is true; elsewhere (or with the switch false) every <c>/sim</c> path is refused with
/// 403 ProblemDetails, so an app run outside Development cannot be switched off or re-keyed from the internet.
/// </summary>
public static class SimulationGuard
{
    public const string PathPrefix = "/sim";
    public const string EnabledKey = "Simulation:Enabled";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? environment.IsDevelopment();

    public static WebApplication UseSimulationGuard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Simulation endpoints are off",
                detail: $"The /sim endpoints answer only in Development; set {EnabledKey}=true to turn them on elsewhere.")
                .ExecuteAsync(context);
        });
        return app;
    }
}
