using SmartHome.AssistantCloud;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection();
builder.AddAssistantCloud();

var app = builder.Build();
// The links gauge reports from the start, not from the first utterance.
app.Services.GetRequiredService<AssistantMetrics>();
app.UseServiceDefaults();
app.UseStatusCodePages();
app.UseMiddleware<AssistantFaultsMiddleware>();
app.MapDefaultEndpoints();
app.MapUtteranceApi();
app.MapUserApi();
app.MapFaultsApi();
app.MapDiagnoseApi();
app.Run();
