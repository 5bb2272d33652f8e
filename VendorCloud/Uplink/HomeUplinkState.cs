namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// A home's uplink as the vendor sees it: <see cref="Since"/> is when it last connected (while
/// <see cref="Connected"/>) or dropped (while not); null when this process has not seen the home.
/// </summary>
internal sealed record HomeUplinkState(bool Connected, DateTimeOffset? Since, DateTimeOffset? LastFrameAt);
