using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>What the maker's app lets the person do with the account: change the password (which ends every link).</summary>
internal static class AccountApi
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/password", ChangePasswordAsync).DisableAntiforgery().WithBodyLimit(BodyLimits.SmallJson)
            .RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    /// <summary>Form fields or JSON <c>{email, currentPassword, newPassword}</c>; answers <c>{revokedGrants}</c>.</summary>
    private static async Task<IResult> ChangePasswordAsync(HttpRequest request, AccountSignIn accounts, SignInThrottle throttle,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var change = await ReadAsync(request, cancellationToken);
        if (change is null || string.IsNullOrEmpty(change.Email) || string.IsNullOrEmpty(change.CurrentPassword)
            || string.IsNullOrEmpty(change.NewPassword))
        {
            return TypedResults.BadRequest(new AccountError("invalid_request", "email, currentPassword and newPassword are required."));
        }

        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(change.Email, address) is { } wait)
        {
            return TooManyAttempts(request.HttpContext.Response, wait);
        }

        var revoked = await accounts.ChangePasswordAsync(change.Email, change.CurrentPassword, change.NewPassword, cancellationToken);
        if (revoked is not { } count)
        {
            throttle.RecordFailure(change.Email, address);
            return TypedResults.BadRequest(new AccountError("invalid_credentials", "The e-mail address or current password is not correct."));
        }

        throttle.RecordSuccess(change.Email, address);
        return TypedResults.Ok(new PasswordChanged(count));
    }

    /// <summary>The 429 of the account endpoints, as the rate limiter's own refusal of them answers.</summary>
    public static IResult TooManyAttempts(HttpResponse response, TimeSpan wait) =>
        TypedResults.Json(new AccountError("too_many_attempts", RateLimits.SetRetryAfter(response, wait)),
            statusCode: StatusCodes.Status429TooManyRequests);

    private static async Task<PasswordChange?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return new PasswordChange(form["email"].ToString(), form["currentPassword"].ToString(), form["newPassword"].ToString());
            }

            return request.HasJsonContentType() ? (await JsonBody.ReadAsync<PasswordChange>(request, Json, cancellationToken)).Value : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }
}

internal sealed record PasswordChange(string? Email, string? CurrentPassword, string? NewPassword);

internal sealed record PasswordChanged(int RevokedGrants);

/// <summary>An error of the account and simulation endpoints: a code and a sentence, as OAuth errors are shaped.</summary>
internal sealed record AccountError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);
