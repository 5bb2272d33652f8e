using Microsoft.Extensions.Configuration;
using SmartHome.AssistantCloud.Diagnosis;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>With sharded simulators the diagnosis asks the home's own shard's gateway (docs/scale.md).</summary>
public sealed class GatewayUrlOfTests
{
    [Fact]
    public void One_gateway_answers_for_every_home_when_the_simulators_are_not_sharded()
    {
        var options = new DiagnosisOptions { GatewayUrl = "http://gw" };
        Assert.Equal("http://gw", options.GatewayUrlOf("home-2"));
        Assert.Equal("http://gw", options.GatewayUrlOf(null));
    }

    [Fact]
    public void Each_home_is_asked_at_its_shards_gateway_and_the_story_at_shard_0()
    {
        var options = new DiagnosisOptions { GatewayUrl = "http://gw0" };
        options.GatewayUrls.Add("http://gw0");
        options.GatewayUrls.Add("http://gw1");
        Assert.Equal("http://gw0", options.GatewayUrlOf("home-1"));
        Assert.Equal("http://gw1", options.GatewayUrlOf("home-2"));
        Assert.Equal("http://gw0", options.GatewayUrlOf("home-3"));
        Assert.Equal("http://gw0", options.GatewayUrlOf(null));
    }

    [Fact]
    public void The_shards_addresses_bind_from_the_AppHosts_environment()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Diagnosis:GatewayUrl"] = "http://gw0",
            ["Diagnosis:GatewayUrls:0"] = "http://gw0",
            ["Diagnosis:GatewayUrls:1"] = "http://gw1",
        }).Build();
        var options = configuration.GetSection(DiagnosisOptions.SectionName).Get<DiagnosisOptions>()!;
        Assert.Equal(["http://gw0", "http://gw1"], options.GatewayUrls);
        Assert.Equal("http://gw1", options.GatewayUrlOf("home-4"));
    }
}
