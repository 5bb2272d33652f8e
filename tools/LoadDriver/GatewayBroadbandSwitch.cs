namespace SmartHome.LoadDriver;

/// <summary>
/// The gateway's broadband switch, <c>POST /sim/broadband/down</c> and <c>/up</c>. In a fleet each home is
/// named with <c>?home=home-N</c>; in the default world (one home) no argument is sent, as today's gateway expects.
/// </summary>
public sealed class GatewayBroadbandSwitch(HttpClient gateway, bool fleet) : IFaultSwitch
{
    public async Task SetAsync(string homeId, bool faulted, CancellationToken cancellationToken)
    {
        var path = faulted ? "/sim/broadband/down" : "/sim/broadband/up";
        var uri = fleet ? $"{path}?home={Uri.EscapeDataString(homeId)}" : path;
        using var response = await gateway.PostAsync(uri, content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {uri} answered {(int)response.StatusCode}.");
        }
    }
}
