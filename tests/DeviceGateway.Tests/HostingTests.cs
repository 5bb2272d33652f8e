using SmartHome.DeviceGateway.Hosting;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Tests;

public class HostingTests
{
    [Theory]
    [InlineData("http://localhost:17310", new[] { 17310 })]
    [InlineData("http://127.0.0.1:17310;https://localhost:17399", new[] { 17310 })]
    [InlineData("http://*:5000; http://+:5001", new[] { 5000, 5001 })]
    public void Api_ports_come_from_the_http_urls(string urls, int[] ports)
    {
        Assert.Equal(ports, KestrelListeners.ApiPorts(urls));
    }

    [Fact]
    public void Wan_port_is_never_an_api_port()
    {
        Assert.Equal([17310], KestrelListeners.ApiPorts("http://localhost:17310;http://localhost:17311", except: 17311));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://localhost:17310")]
    public void No_http_url_is_a_clear_start_up_error(string? urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KestrelListeners.ApiPorts(urls));
        Assert.Contains("No http URL", error.Message);
    }

    [Fact]
    public void Backoff_grows_to_its_maximum_with_jitter_below_the_ceiling()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, Math.Min(attempt, 30)));
            var delay = backoff.NextDelay(attempt).TotalSeconds;
            Assert.InRange(delay, 0, ceiling);
            Assert.Equal(ceiling, backoff.Ceiling(attempt).TotalSeconds);
        }
    }

    [Fact]
    public void Options_never_print_the_gateway_secret()
    {
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "very-secret-value", WanPort = 17311, MqttPort = 17312, UplinkUrl = new Uri("http://localhost:17311") };

        Assert.DoesNotContain("very-secret-value", options.ToString());
        Assert.Contains("home-1", options.ToString());
    }
}
