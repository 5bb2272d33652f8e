namespace SmartHome.AppHost.Redis;

/// <summary>
/// <c>Redis:Mode=cluster</c>: the first master of a three-master Redis Cluster (a <c>redis-server</c> from PATH), which
/// the app model sees as the cluster's connection string, every master's address (StackExchange.Redis finds the slots
/// from any of them). The other masters are its children in the dashboard (<c>redis-node-2</c>, <c>redis-node-3</c>).
/// </summary>
public sealed class RedisClusterResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private readonly List<EndpointReference> _masters = [];

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    /// <summary>Every master's endpoint, this one first.</summary>
    public IReadOnlyList<EndpointReference> Masters => _masters;

    internal void AddMaster(EndpointReference endpoint) => _masters.Add(endpoint);

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var expression = new ReferenceExpressionBuilder();
            for (var index = 0; index < _masters.Count; index++)
            {
                if (index > 0)
                {
                    expression.AppendLiteral(",");
                }

                expression.Append($"{_masters[index].Property(EndpointProperty.HostAndPort)}");
            }

            return expression.Build();
        }
    }
}
