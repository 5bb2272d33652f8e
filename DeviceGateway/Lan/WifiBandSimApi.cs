namespace SmartHome.DeviceGateway.Lan;

/// <summary>The 2.4 GHz band fault switch, on the API port: <c>/sim/wifi-band</c>.</summary>
internal static class WifiBandSimApi
{
    public static IEndpointRouteBuilder MapWifiBandSimApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sim/wifi-band");
        group.MapGet("/", (WifiBand band) => TypedResults.Ok(WifiBandStatus.Of(band)));
        group.MapPost("/off", (WifiBand band) =>
        {
            band.SetOff();
            return TypedResults.Ok(WifiBandStatus.Of(band));
        });
        group.MapPost("/on", (WifiBand band) =>
        {
            band.SetOn();
            return TypedResults.Ok(WifiBandStatus.Of(band));
        });
        return app;
    }

    /// <summary>The body of every <c>/sim/wifi-band</c> answer.</summary>
    internal sealed record WifiBandStatus(string Band24)
    {
        public static WifiBandStatus Of(WifiBand band) => new(band.IsOn ? "on" : "off");
    }
}
