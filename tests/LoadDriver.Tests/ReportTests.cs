using System.Text.Json;
using Spectre.Console;

namespace SmartHome.LoadDriver.Tests;

public sealed class ReportTests
{
    private static RunResult SampleRun()
    {
        StageResult Stage(double rate, double p99)
        {
            var recorder = new LatencyRecorder();
            var options = new FaultOptions("broadband", 0.1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            for (var i = 0; i < 100; i++)
            {
                var exposure = i < 34 ? FaultExposure.BeforeWindow : i < 67 ? FaultExposure.WindowFaultedHome : FaultExposure.AfterWindow;
                recorder.Record(TimeSpan.FromMilliseconds(i * 30), TimeSpan.FromMilliseconds(i == 99 ? p99 : 10), i % 10 == 0 ? "DeviceError:BRIDGE_UNREACHABLE" : "Success", exposure);
            }

            var fault = new FaultReport("broadband", 0.1, 1, 1, ["home-10"], recorder.OutcomesByExposure(), LoadRun.RecoverySeconds(recorder, options), []);
            return new StageResult(rate, rate, 3, recorder.Latency(), recorder.Errors(), recorder.Outcomes(), recorder.Timeline(), fault);
        }

        return new RunResult("sample", DateTimeOffset.UnixEpoch, "http://localhost:5100/", 10,
            new FloorResult(100, 31.5, 40, 70, 33), [Stage(50, 20), Stage(100, 40)], []);
    }

    [Fact]
    public void The_table_shows_each_stage_the_floor_and_what_the_fault_did()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = 250;

        ConsoleReport.Write(SampleRun(), console);

        var text = output.ToString();
        Assert.Contains("p50 31.5 µs", text);
        Assert.Contains("Success 90, DeviceError:BRIDGE_UNREACHABLE 10", text);
        Assert.Contains("What the people felt at 100/s: broadband down in 1 homes", text);
        Assert.Contains("WindowFaultedHome", text);
        Assert.Contains("Requests still failed until 0.7s after the window ended.", text);
    }

    [Theory]
    [InlineData("png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData("svg", new byte[] { (byte)'<' })]
    public void The_charts_are_written_in_the_asked_format(string format, byte[] signature)
    {
        var directory = Directory.CreateTempSubdirectory("loaddriver-charts").FullName;
        try
        {
            var timeline = ChartWriter.Timeline(SampleRun(), directory, format);
            var vsRate = ChartWriter.LatencyVsRate(SampleRun(), directory, format);

            Assert.Equal(Path.Combine(directory, $"sample-timeline.{format}"), timeline);
            Assert.Equal(signature, File.ReadAllBytes(timeline).Take(signature.Length));
            Assert.Equal(signature, File.ReadAllBytes(vsRate).Take(signature.Length));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_json_names_every_figure_a_script_reads()
    {
        var run = SampleRun();
        var json = JsonDocument.Parse(JsonSerializer.Serialize(run, LoadRun.Json)).RootElement;

        Assert.Equal(31.5, json.GetProperty("floor").GetProperty("p50Us").GetDouble());
        var stage = json.GetProperty("stages")[1];
        Assert.Equal(100, stage.GetProperty("offeredRate").GetDouble());
        Assert.Equal(10, stage.GetProperty("errors").GetInt64());
        Assert.Equal(run.Stages[1].Latency.P50Ms, stage.GetProperty("latency").GetProperty("p50Ms").GetDouble());
        Assert.InRange(stage.GetProperty("latency").GetProperty("p50Ms").GetDouble(), 9.99, 10.01);
        Assert.Equal(3, stage.GetProperty("fault").GetProperty("outcomesByExposure").GetProperty("AfterWindow").GetProperty("DeviceError:BRIDGE_UNREACHABLE").GetInt64());
        Assert.Equal(0.7, stage.GetProperty("fault").GetProperty("recoverySeconds").GetDouble());
    }

    [Fact]
    public void An_answer_s_outcome_carries_its_alexa_error_type()
    {
        static string Key(string json) => AssistantClient.OutcomeKey(JsonDocument.Parse(json).RootElement);

        Assert.Equal("Success", Key("""{"speech":"OK","outcome":"Success","errorType":null}"""));
        Assert.Equal("DeviceError:BRIDGE_UNREACHABLE", Key("""{"outcome":"DeviceError","errorType":"BRIDGE_UNREACHABLE"}"""));
        Assert.Equal("BadAnswer", Key("""{"speech":"OK"}"""));
    }
}
