using SmartHome.AssistantCloud;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection();
builder.AddAssistantCloud();

var app = builder.Build();
app.UseAssistantCloud();
app.Run();
