using System.Globalization;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>
/// Why a command failed, as its trace tells it (docs/protocols.md, "Failed commands in traces"):
/// the hop of the chain that broke (a diagnosis hop name) and a sentence a person can read.
/// Decided where the failure is known, from what the gateway really saw, never guessed afterwards.
/// </summary>
internal sealed record CommandFailure(string FailedHop, string Cause)
{
    public const string PlugHop = "plug";
    public const string GatewayHop = "gateway";
    public const string UplinkHop = "uplink";

    /// <summary>
    /// The device's retained availability is <c>offline</c>: its last will (the broker's word after a dead
    /// link) or, when it was switched off in software, its own goodbye.
    /// </summary>
    public static CommandFailure PlugSaidOffline() =>
        new(PlugHop, "the plug is offline: its last will (or its own goodbye) said so");

    /// <summary>No availability, no state, nothing: the device has not joined the LAN since the gateway started.</summary>
    public static CommandFailure PlugNeverHeard() =>
        new(PlugHop, "the gateway has not heard from the plug");

    public static CommandFailure PlugSilent(TimeSpan after) =>
        new(PlugHop, string.Create(CultureInfo.InvariantCulture, $"the plug did not answer within {after.TotalSeconds:0.#} s"));

    public static CommandFailure PlugRejected(string error) =>
        new(PlugHop, $"the plug rejected the command: {error}");

    /// <summary>The plug answered with <paramref name="what"/> instead of a state or an error.</summary>
    public static CommandFailure PlugAnswerUnreadable(string what) =>
        new(PlugHop, $"the plug answered with {what}");

    /// <summary>The gateway's own side failed: the broker refused the command, or the bridge could not publish it.</summary>
    public static CommandFailure Gateway(string reason) => new(GatewayHop, reason);

    public static CommandFailure UplinkClosed() =>
        new(UplinkHop, "the uplink closed before the command completed, so no answer could reach the vendor");
}
