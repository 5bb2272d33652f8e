using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// What a client sees when an endpoint fails: ProblemDetails with a status and a title, never a stack trace, a
/// source path or the request's headers, in every environment (the developer exception page is never reached).
/// The exception itself goes to the logs. A body the server refused while reading (too large, malformed) keeps
/// its 4xx instead of becoming a 500.
/// </summary>
public static class ErrorHandling
{
    public static IApplicationBuilder UseProblemDetailsForErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
}
