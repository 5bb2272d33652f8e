using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// Alexa's event gateway on the assistant: <c>POST /v3/events</c> (202, or the gateway's error body), and the
/// token service beside it (<see cref="LwaTokenApi"/>).
/// </summary>
public static class EventGatewayApi
{
    public const string Path = "/v3/events";

    public static IEndpointRouteBuilder MapEventGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpContext http, IServiceProvider services) =>
        {
            RequestSpanName.Set(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity, "event gateway");
            return await services.GetRequiredService<EventGatewayHandler>().AcceptAsync(http.Request, http.RequestAborted);
        }).WithName("PostEvent");
        app.MapLwaTokenApi();
        return app;
    }
}
