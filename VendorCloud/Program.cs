using SmartHome.VendorCloud;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Replicas;
using SmartHome.VendorCloud.Simulation;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Support;
using SmartHome.VendorCloud.Uplink;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection();
builder.AddVendorCloud();

var app = builder.Build();
// The gauges observe the uplinks from the start, not from the first directive.
app.Services.GetRequiredService<VendorMetrics>();
app.UseServiceDefaults();
app.UseWebSockets();
app.UseMiddleware<ReplicaHeaderMiddleware>();
app.UseMiddleware<CloudFaultsMiddleware>();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOAuthApi();
app.MapAccountApi();
app.MapSimulationApi();
app.MapAccountDevicesApi();
app.MapFaultsApi();
app.MapSkillApi();
app.MapUplinkApi();
app.MapUplinkDirectoryApi();
app.MapSupportApi();
app.Run();
