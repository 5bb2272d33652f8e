using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>A person's vendor account. <see cref="LastSignInAt"/> is the last interactive sign-in.</summary>
internal sealed record Account(string AccountId, string Email, string PasswordHash, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

/// <summary>A home and its gateway, which authenticates its uplink with the gateway secret.</summary>
internal sealed record Home(string HomeId, string AccountId, string GatewaySecretHash);

/// <summary>
/// A device claimed into an account, installed in a home. Its id is unique in its home and in its
/// account (it is the account's Alexa endpoint id), not across homes: every home of a fleet has a plug-1.
/// </summary>
internal sealed record Device(
    string DeviceId,
    string HomeId,
    string AccountId,
    string Name,
    string Manufacturer,
    string Model,
    string? SerialNumber,
    string? FirmwareVersion,
    DeviceKind Kind = DeviceKind.DimmablePlug,
    string? Room = null);

/// <summary>A registered OAuth client (the assistant) with its one exact redirect URI.</summary>
internal sealed record OAuthClient(string ClientId, string SecretHash, string RedirectUri);
