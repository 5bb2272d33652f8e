using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>What the maker's app lets the person do with the account: sign in, change the password (which ends every link).</summary>
internal static class AccountApi
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-in", SignInAsync).DisableAntiforgery().WithBodyLimit(BodyLimits.SmallJson)
            .RequireRateLimiting(RateLimits.SignIn);
        app.MapPost("/account/password", ChangePasswordAsync).DisableAntiforgery().WithBodyLimit(BodyLimits.SmallJson)
            .RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    /// <summary>
    /// The person opens the maker's app and signs in: JSON or form <c>{email, password}</c>; answers <c>{signedInAt}</c>.
    /// An interactive sign-in, the very thing the story's link policy (SignInAge) counts.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpRequest request, AccountSignIn accounts, SignInThrottle throttle,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var credentials = await ReadAsync<AppSignIn>(request, form => new AppSignIn(form["email"].ToString(), form["password"].ToString()),
            cancellationToken);
        if (credentials is null || string.IsNullOrEmpty(credentials.Email) || string.IsNullOrEmpty(credentials.Password))
        {
            return TypedResults.BadRequest(new AccountError("invalid_request", "email and password are required."));
        }

        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(credentials.Email, address) is { } wait)
        {
            return TooManyAttempts(request.HttpContext.Response, wait);
        }

        if (await accounts.SignInAsync(credentials.Email, credentials.Password, cancellationToken) is not { } account)
        {
            throttle.RecordFailure(credentials.Email, address);
            return TypedResults.BadRequest(new AccountError("invalid_credentials", "The e-mail address or password is not correct."));
        }

        throttle.RecordSuccess(credentials.Email, address);
        return TypedResults.Ok(new SignedIn(account.LastSignInAt));
    }

    /// <summary>Form fields or JSON <c>{email, currentPassword, newPassword}</c>; answers <c>{revokedGrants}</c>.</summary>
    private static async Task<IResult> ChangePasswordAsync(HttpRequest request, AccountSignIn accounts, SignInThrottle throttle,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var change = await ReadAsync<PasswordChange>(request,
            form => new PasswordChange(form["email"].ToString(), form["currentPassword"].ToString(), form["newPassword"].ToString()), cancellationToken);
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

    private static async Task<T?> ReadAsync<T>(HttpRequest request, Func<IFormCollection, T> fromForm, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (request.HasFormContentType)
            {
                return fromForm(await request.ReadFormAsync(cancellationToken));
            }

            return request.HasJsonContentType() ? (await JsonBody.ReadAsync<T>(request, Json, cancellationToken)).Value : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }
}

internal sealed record PasswordChange(string? Email, string? CurrentPassword, string? NewPassword);

internal sealed record PasswordChanged(int RevokedGrants);

internal sealed record AppSignIn(string? Email, string? Password);

internal sealed record SignedIn(DateTimeOffset? SignedInAt);

/// <summary>An error of the account and simulation endpoints: a code and a sentence, as OAuth errors are shaped.</summary>
internal sealed record AccountError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);
