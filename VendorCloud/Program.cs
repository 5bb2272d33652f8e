var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
