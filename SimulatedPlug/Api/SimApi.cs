using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.SimulatedPlug.Fleet;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Api;

/// <summary>
/// Fault switches of the simulation (<c>/sim/...?home=&amp;device=</c>, the story's device by default), for the
/// dashboard and for tests. Each acts on one device: the others stay as they are.
/// </summary>
internal static class SimApi
{
    public static IEndpointRouteBuilder MapSimApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim");

        sim.MapGet("/", (Devices devices, string? home, string? device) =>
            Switch(devices, home, device, (_, _) => Task.CompletedTask, CancellationToken.None));

        // The directives the device applied, per trace: none may be applied twice, whatever fails on the way.
        sim.MapGet("/applied", Results<Ok<AppliedCommandsView>, ProblemHttpResult> (Devices devices, string? home, string? device) =>
            devices.TryFind(home, device, out var found, out var notFound) ? TypedResults.Ok(found.Applied.View()) : notFound);

        // The radio drops: no DISCONNECT, no FIN; the broker publishes the will after 1.5 x keep-alive.
        sim.MapPost("/wifi/off", (Devices devices, string? home, string? device, CancellationToken cancellationToken) =>
            Switch(devices, home, device, (switches, token) => switches.SetWifiAsync(on: false, token), cancellationToken));

        sim.MapPost("/wifi/on", (Devices devices, string? home, string? device, CancellationToken cancellationToken) =>
            Switch(devices, home, device, (switches, token) => switches.SetWifiAsync(on: true, token), cancellationToken));

        // Power loss: the link drops as with Wi-Fi off, the lamp goes dark, working memory is lost.
        sim.MapPost("/unplug", (Devices devices, string? home, string? device, CancellationToken cancellationToken) =>
            Switch(devices, home, device, (switches, token) => switches.UnplugAsync(token), cancellationToken));

        // Power back: the plug boots from flash and rejoins the broker.
        sim.MapPost("/plug-in", (Devices devices, string? home, string? device, CancellationToken cancellationToken) =>
            Switch(devices, home, device, (switches, token) => switches.PlugInAsync(token), cancellationToken));

        return app;
    }

    private static async Task<Results<Ok<SimStatus>, ProblemHttpResult>> Switch(
        Devices devices, string? home, string? device, Func<PlugSwitches, CancellationToken, Task> flip,
        CancellationToken cancellationToken)
    {
        if (!devices.TryFind(home, device, out var found, out var notFound))
        {
            return notFound;
        }

        // The fault is logged by the device's switches: under its name.
        using (found.BeginScope())
        {
            await flip(found.Switches, cancellationToken);
        }

        return TypedResults.Ok(SimStatus.Of(found.Switches, found.Device));
    }
}
