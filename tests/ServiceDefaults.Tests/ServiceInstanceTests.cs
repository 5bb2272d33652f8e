namespace SmartHome.ServiceDefaults.Tests;

/// <summary>A replica's name in the orchestrator, from the OpenTelemetry resource (both clouds' replicas use it).</summary>
public sealed class ServiceInstanceTests
{
    [Theory]
    [InlineData("service.instance.id=vendorcloud-abcd1234", "vendorcloud-abcd1234")]
    [InlineData("service.name=vendorcloud, service.instance.id=vendorcloud-x", "vendorcloud-x")]
    [InlineData("service.name=vendorcloud", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_replica_knows_its_name_in_the_orchestrator_from_the_OpenTelemetry_resource(string? attributes, string? instance) =>
        Assert.Equal(instance, ServiceInstance.FromResourceAttributes(attributes));
}
