using SmartHome.VendorCloud;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Simulation;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection();
builder.AddVendorCloud();

var app = builder.Build();
app.UseWebSockets();
app.MapDefaultEndpoints();
app.MapOAuthApi();
app.MapAccountApi();
app.MapSimulationApi();
app.MapSkillApi();
app.MapUplinkApi();
app.Run();
