using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// Binds a call of the person's API to its person: a session's person always wins (naming another person is a 403);
/// without a session the named person is taken only while the development switch allows it, else 401.
/// </summary>
public static class PersonAccess
{
    /// <summary>The person the call acts for, or the problem to answer instead.</summary>
    public static (string? Person, IResult? Problem) Resolve(HttpContext context, string? named)
    {
        var session = SessionPerson(context.User);
        named = string.IsNullOrWhiteSpace(named) ? null : named.Trim();
        if (session is not null)
        {
            return named is null || string.Equals(named, session, StringComparison.Ordinal)
                ? (session, null)
                : (null, TypedResults.Problem(title: "Not your home.",
                    detail: $"You are signed in as '{session}': you see and control only your own home.",
                    statusCode: StatusCodes.Status403Forbidden));
        }

        var allowed = context.RequestServices.GetService<IOptions<PersonApiOptions>>()?.Value.AllowWithoutSession ?? false;
        if (allowed)
        {
            return (named, null);
        }

        return (null, TypedResults.Problem(title: "Sign in first.",
            detail: "The person's API needs the person's session: sign in to the Assistant app (POST /signin).",
            statusCode: StatusCodes.Status401Unauthorized));
    }

    public static string? SessionPerson(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>For <c>/api/users/{user}/...</c>: the route's person must be the session's (or allowed without one).</summary>
    public static RouteGroupBuilder RequirePersonOfRoute(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var named = context.HttpContext.Request.RouteValues["user"] as string;
            var (_, problem) = Resolve(context.HttpContext, named);
            return problem ?? await next(context);
        });
        return group;
    }
}
