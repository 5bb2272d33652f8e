namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>
/// Why a device's state changed, as the plug knows it: carried by the plug's state publish in the MQTT 5 user
/// property <see cref="UserProperty"/> and passed on by the gateway in the uplink <c>device</c> frame's
/// <c>cause</c> (docs/protocols.md). The vendor maps it to the Alexa ChangeReport cause.
/// </summary>
public static class ChangeCause
{
    /// <summary>The MQTT 5 user property on the plug's retained state publish.</summary>
    public const string UserProperty = "cause";

    /// <summary>The plug's own button (Alexa: PHYSICAL_INTERACTION).</summary>
    public const string Button = "button";

    /// <summary>A <c>set</c> command without correlation data: another app on the LAN, e.g. Home Assistant (APP_INTERACTION).</summary>
    public const string App = "app";

    /// <summary>
    /// A <c>set</c> command with correlation data: the gateway's request/response, i.e. a directive from the cloud, whose
    /// own Response carries the change (the vendor reports nothing more).
    /// </summary>
    public const string Command = "command";
}
