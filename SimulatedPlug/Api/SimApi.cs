using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Api;

/// <summary>Fault switches of the simulation (<c>/sim/...</c>), for the dashboard and for tests.</summary>
internal static class SimApi
{
    public static IEndpointRouteBuilder MapSimApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim");

        sim.MapGet("/", (PlugSwitches switches, PlugDevice device) => SimStatus.Of(switches, device));

        // The radio drops: no DISCONNECT, no FIN; the broker publishes the will after 1.5 x keep-alive.
        sim.MapPost("/wifi/off", async (PlugSwitches switches, PlugDevice device, CancellationToken cancellationToken) =>
        {
            await switches.SetWifiAsync(on: false, cancellationToken);
            return SimStatus.Of(switches, device);
        });

        sim.MapPost("/wifi/on", async (PlugSwitches switches, PlugDevice device, CancellationToken cancellationToken) =>
        {
            await switches.SetWifiAsync(on: true, cancellationToken);
            return SimStatus.Of(switches, device);
        });

        // Power loss: the link drops as with Wi-Fi off, the lamp goes dark, working memory is lost.
        sim.MapPost("/unplug", async (PlugSwitches switches, PlugDevice device, CancellationToken cancellationToken) =>
        {
            await switches.UnplugAsync(cancellationToken);
            return SimStatus.Of(switches, device);
        });

        // Power back: the plug boots from flash and rejoins the broker.
        sim.MapPost("/plug-in", async (PlugSwitches switches, PlugDevice device, CancellationToken cancellationToken) =>
        {
            await switches.PlugInAsync(cancellationToken);
            return SimStatus.Of(switches, device);
        });

        return app;
    }
}
