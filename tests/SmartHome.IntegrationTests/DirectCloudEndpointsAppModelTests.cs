using Aspire.Hosting.ApplicationModel;

namespace SmartHome.IntegrationTests;

/// <summary>The AppHost's <c>AppHost:DirectCloudEndpoints</c> (the policy study's worlds) as the app model shows it, without starting anything.</summary>
public sealed class DirectCloudEndpointsAppModelTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task The_clouds_http_endpoints_go_without_the_proxy_each_on_a_port_of_its_own()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--AppHost:DirectCloudEndpoints=true"]).WaitAsync(Bound);

        var endpoints = new[] { "assistantcloud", "vendorcloud" }
            .Select(name => builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name)
                .Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http"))
            .ToList();
        Assert.All(endpoints, e => Assert.False(e.IsProxied));
        Assert.All(endpoints, e => Assert.True(e.Port is > 0 && e.Port == e.TargetPort, $"port {e.Port}, target {e.TargetPort}"));
        Assert.NotEqual(endpoints[0].Port, endpoints[1].Port);
    }

    [Fact]
    public async Task By_default_the_clouds_stay_behind_the_proxy()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>().WaitAsync(Bound);

        Assert.All(new[] { "assistantcloud", "vendorcloud" }, name => Assert.True(
            builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").IsProxied));
    }

    [Fact]
    public async Task With_two_replicas_the_setting_stops_the_start_saying_why()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["--AppHost:DirectCloudEndpoints=true", "--Parameters:cloud-replicas=2"]).WaitAsync(Bound);
        }).WaitAsync(Bound);

        var message = error.GetBaseException().Message;
        Assert.Contains("AppHost:DirectCloudEndpoints", message, StringComparison.Ordinal);
        Assert.Contains("cloud-replicas=1", message, StringComparison.Ordinal);
    }
}
