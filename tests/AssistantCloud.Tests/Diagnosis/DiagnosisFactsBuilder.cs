using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>Facts of a healthy chain (lamp on at 40 %), which each test breaks in one or two places.</summary>
internal static class HealthyFacts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"], [], new Dictionary<string, string>());

    public static AssistantFacts Assistant => new(false, null, LinkState.Linked, null, Lamp, null);

    public static VendorSupportView VendorView => new("plug-1", "home-1", "bedroom lamp",
        new VendorGrantView("active", null, Now.AddDays(-3), Now.AddMinutes(-1)),
        new VendorUplinkView(true, Now.AddHours(-1), Now.AddSeconds(-2)),
        new VendorDeviceView(true, new ReportedLightState("ON", 40), Now.AddMinutes(-5)));

    public static GatewayStatusView GatewayView => new("home-1", new GatewayUplinkView(true, Now.AddHours(-1)), "up", "on",
        [new GatewayDeviceView("plug-1", true, new ReportedLightState("ON", 40), Now.AddHours(-1))]);

    public static DiagnosisFacts Facts => new("owner", "bedroom lamp", Now, Assistant,
        VendorFacts.Answered(VendorView), GatewayFacts.Answered(GatewayView));

    public static GatewayStatusView WithPlug(this GatewayStatusView view, bool online, ReportedLightState? state = null) =>
        view with { Devices = [new GatewayDeviceView("plug-1", online, state, Now.AddMinutes(-2))] };
}
