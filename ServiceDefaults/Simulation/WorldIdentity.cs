namespace SmartHome.ServiceDefaults;

/// <summary>This service's name in the world (the AppHost's resource name, from <c>OTEL_SERVICE_NAME</c>).</summary>
public sealed record WorldIdentity(string Name);
