using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Api;

internal static class PlugApi
{
    public static IEndpointRouteBuilder MapPlugApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/state", (PlugDevice device, MqttSession session) =>
            PlugStatus.Of(device, device.Current, session.IsReady));

        // The physical button: works with or without Wi-Fi; the broker hears of it when it can.
        api.MapPost("/button", async Task<IResult> (PlugDevice device, MqttSession session, StatePublisher statePublisher, CancellationToken cancellationToken) =>
        {
            if (device.PressButton() is not { } dimmer)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Unplugged", detail: PlugDevice.NoPower);
            }

            await statePublisher.PublishAsync(cancellationToken);
            return TypedResults.Ok(PlugStatus.Of(device, dimmer, session.IsReady));
        });

        return app;
    }
}
