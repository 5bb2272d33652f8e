using SmartHome.SimulatedPlug;
using SmartHome.SimulatedPlug.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection(requiredForHealth: false);
builder.AddSimulatedPlug();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapPlugApi();
app.MapSimApi();
app.Run();
