namespace SmartHome.LoadDriver.Tests;

public sealed class DriverOptionsTests
{
    [Fact]
    public void Defaults_drive_the_story_s_owner_on_the_default_ports()
    {
        var options = DriverOptions.Parse([]);

        Assert.Equal(new Uri("http://localhost:5100"), options.Assistant);
        Assert.Equal([20.0], options.Rates);
        Assert.Equal([new Person("owner", "home-1", "bedroom lamp")], options.Speakers());
        Assert.Null(options.Fault);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = DriverOptions.Parse([
            "--assistant", "http://127.0.0.1:6100", "--gateway", "http://127.0.0.1:6300", "--rates", "50, 100,200",
            "--duration", "90s", "--warmup", "500ms", "--fleet", "3", "--questions", "0.5", "--seed", "7",
            "--timeout", "2s", "--fault", "broadband", "--fault-share", "0.25", "--fault-after", "10s", "--fault-for", "1m",
            "--floor", "--floor-samples", "100", "--name", "fleet", "--out", "/tmp/x", "--chart-format", "svg"]);

        Assert.Equal(new Uri("http://127.0.0.1:6100"), options.Assistant);
        Assert.Equal(new Uri("http://127.0.0.1:6300"), options.Gateway);
        Assert.Equal([50.0, 100.0, 200.0], options.Rates);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Warmup);
        Assert.Equal(3, options.Speakers().Count);
        Assert.Equal(0.5, options.QuestionShare);
        Assert.Equal(7, options.Seed);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Timeout);
        Assert.Equal(new FaultOptions("broadband", 0.25, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)), options.Fault);
        Assert.True(options.Floor);
        Assert.False(options.FloorOnly);
        Assert.Equal(100, options.FloorSamples);
        Assert.Equal("fleet", options.Name);
        Assert.Equal("/tmp/x", options.OutputDirectory);
        Assert.Equal("svg", options.ChartFormat);
    }

    [Theory]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "fast")]
    [InlineData("--duration", "ten")]
    [InlineData("--fault", "earthquake")]
    [InlineData("--fault-share", "1.5")]
    [InlineData("--assistant", "localhost:5100")]
    [InlineData("--chart-format", "jpg")]
    [InlineData("--colour", "red")]
    public void A_bad_option_is_refused_with_a_message_naming_it(string name, string value)
    {
        var error = Assert.Throws<OptionException>(() => DriverOptions.Parse([name, value]));

        Assert.Contains(name == "--colour" ? "--colour" : value, error.Message);
    }

    [Fact]
    public void An_option_without_its_value_is_refused()
    {
        var error = Assert.Throws<OptionException>(() => DriverOptions.Parse(["--rate"]));

        Assert.Contains("--rate needs a value", error.Message);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("3", 3_000)]
    public void Durations_are_read_with_their_unit(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));
}
