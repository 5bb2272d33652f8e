using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The switches of <see cref="AccountDevices"/>: <c>POST /sim/accounts/devices/remove</c> and <c>/add</c>, with the query
/// parameters <c>email</c>, <c>deviceId</c> and (for a device id in several homes) <c>home</c>. Answer
/// <c>{accountId, homeId, deviceId}</c>; 400 without email or deviceId, 404 <c>unknown_account</c> or <c>unknown_device</c>.
/// </summary>
internal static class AccountDevicesApi
{
    public static IEndpointRouteBuilder MapAccountDevicesApi(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/sim/accounts/devices");
        devices.MapPost("/remove", (string? email, string? deviceId, string? home, AccountDevices accounts, CancellationToken cancellationToken) =>
            ChangeAsync(email, deviceId, home, accounts.RemoveAsync, cancellationToken)).DisableAntiforgery();
        devices.MapPost("/add", (string? email, string? deviceId, string? home, AccountDevices accounts, CancellationToken cancellationToken) =>
            ChangeAsync(email, deviceId, home, accounts.AddAsync, cancellationToken)).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ChangeAsync(string? email, string? deviceId, string? home,
        Func<string, string, string?, CancellationToken, Task<AccountDeviceResult>> change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(deviceId))
        {
            return TypedResults.BadRequest(new AccountError("invalid_request", "The query parameters email and deviceId are required."));
        }

        var result = await change(email, deviceId, string.IsNullOrWhiteSpace(home) ? null : home, cancellationToken);
        return result.Error is { } error
            ? TypedResults.NotFound(new AccountError(error, result.Description!))
            : TypedResults.Ok(new ChangedDevice(result.AccountId!, result.HomeId!, result.DeviceId!));
    }
}

internal sealed record ChangedDevice(string AccountId, string HomeId, string DeviceId);
