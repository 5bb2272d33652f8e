namespace SmartHome.AppHost;

internal static class ParameterExtensions
{
    /// <summary>
    /// A parameter whose value comes from configuration (<c>Parameters:name</c>, e.g.
    /// <c>--Parameters:link-policy=Sliding</c>) and falls back to <paramref name="defaultValue"/>.
    /// (<c>AddParameter(name, value)</c> would fix the value and ignore configuration.)
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameterWithDefault(
        this IDistributedApplicationBuilder builder, string name, string defaultValue)
        => builder.AddParameter(name, builder.Configuration[$"Parameters:{name}"] is { Length: > 0 } configured ? configured : defaultValue);
}
