using SmartHome.DeviceGateway;
using SmartHome.DeviceGateway.Api;
using SmartHome.DeviceGateway.Hosting;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Wan;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection(requiredForHealth: false);

var options = GatewayOptions.From(builder.Configuration);
builder.ListenOnApiAndWanPorts(options);
builder.Services.AddDeviceGateway(options, MqttCredentials.From(builder.Configuration, options));

var app = builder.Build();
app.UseServiceDefaults();
app.UseRouting();
app.UseWanEdge();

app.MapDefaultEndpoints();
app.MapGatewayApi();
app.MapReverseProxy();

app.Run();
