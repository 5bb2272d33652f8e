namespace SmartHome.AppHost.Redis;

/// <summary>The EmbeddedRedis project (Garnet), seen by the app model as a Redis connection string.</summary>
public sealed class EmbeddedRedisResource(string name) : ProjectResource(name), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
