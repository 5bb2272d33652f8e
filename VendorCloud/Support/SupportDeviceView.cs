using System.Text.Json.Serialization;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Support;

/// <summary>
/// What the maker sees of one device, for a partner's support tooling (docs/protocols.md, "VendorCloud: the
/// partner support view of one device"): the link to the calling client, the home's uplink, the device, and the maker's
/// grant to report the account's devices to the assistant (<c>assistantGrant</c>). Never a token.
/// </summary>
internal sealed record SupportDeviceView(
    string DeviceId,
    string HomeId,
    string Name,
    SupportGrant Grant,
    HomeUplinkState Uplink,
    SupportDevice Device,
    AssistantGrantStatus AssistantGrant);

/// <summary>The account's newest grant to the calling client; <see cref="Reason"/> is why it ended, when it did.</summary>
internal sealed record SupportGrant(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt);

/// <summary>
/// <see cref="Online"/> is the availability the home last reported (null when unknown: no uplink);
/// <see cref="State"/> and <see cref="ReportedAt"/> come from the device shadow (null when there is none).
/// </summary>
internal sealed record SupportDevice(bool? Online, LightState? State, DateTimeOffset? ReportedAt);

/// <summary>The support API's error body: <c>{"error":"invalid_client"}</c> or <c>{"error":"unknown_device"}</c>.</summary>
internal sealed record SupportError(string Error)
{
    public const string InvalidClient = "invalid_client";
    public const string UnknownDevice = "unknown_device";
}
