namespace SmartHome.ServiceDefaults;

/// <summary>
/// The orchestrator's name for this process: OpenTelemetry's <c>service.instance.id</c>, which Aspire sets per replica
/// (the replica's name in its dashboard). Both clouds' replicas name themselves by it.
/// </summary>
public static class ServiceInstance
{
    /// <summary>This process's <c>service.instance.id</c>, from <c>OTEL_RESOURCE_ATTRIBUTES</c>; null without one.</summary>
    public static string? OfThisProcess() => FromResourceAttributes(Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES"));

    /// <summary>The <c>service.instance.id</c> in OpenTelemetry's resource attributes (<c>k1=v1,k2=v2</c>); null without one.</summary>
    public static string? FromResourceAttributes(string? resourceAttributes) =>
        resourceAttributes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id" && pair[1].Length > 0)
            .Select(pair => pair[1])
            .FirstOrDefault();
}
