using System.Globalization;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>
/// Why a command failed, as its trace tells it (docs/protocols.md, "Failed commands in traces"), one factory a case:
/// the hop of the chain that broke (a diagnosis hop name) and a sentence a person can read.
/// Decided where the failure is known, from what the gateway really saw, never guessed afterwards.
/// </summary>
internal static class CommandFailure
{
    /// <summary>
    /// The device's retained availability is <c>offline</c>: its last will (the broker's word after a dead
    /// link) or, when it was switched off in software, its own goodbye.
    /// </summary>
    public static FailedHop PlugSaidOffline() =>
        new(ChainHops.Plug, "the plug is offline: its last will (or its own goodbye) said so");

    /// <summary>No availability, no state, nothing: the device has not joined the LAN since the gateway started.</summary>
    public static FailedHop PlugNeverHeard() =>
        new(ChainHops.Plug, "the gateway has not heard from the plug");

    public static FailedHop PlugSilent(TimeSpan after) =>
        new(ChainHops.Plug, string.Create(CultureInfo.InvariantCulture, $"the plug did not answer within {after.TotalSeconds:0.#} s"));

    public static FailedHop PlugRejected(string error) =>
        new(ChainHops.Plug, $"the plug rejected the command: {error}");

    /// <summary>The plug answered with <paramref name="what"/> instead of a state or an error.</summary>
    public static FailedHop PlugAnswerUnreadable(string what) =>
        new(ChainHops.Plug, $"the plug answered with {what}");

    /// <summary>The gateway's own side failed: the broker refused the command, or the bridge could not publish it.</summary>
    public static FailedHop Gateway(string reason) => new(ChainHops.Gateway, reason);

    public static FailedHop UplinkClosed() =>
        new(ChainHops.Uplink, "the uplink closed before the command completed, so no answer could reach the vendor");
}
