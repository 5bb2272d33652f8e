using SmartHome.DeviceGateway.Api;
using SmartHome.DeviceGateway.Hosting;
using SmartHome.DeviceGateway.Wan;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection(requiredForHealth: false);

builder.Services.AddDeviceGateway(builder.Configuration);

var app = builder.Build();
app.UseServiceDefaults();
app.UseRouting();
app.UseWanEdge();

app.MapDefaultEndpoints();
app.MapGatewayApi();
app.MapReverseProxy();

app.Run();
