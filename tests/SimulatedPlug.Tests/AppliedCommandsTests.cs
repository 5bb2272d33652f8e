using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>The plug's count of applied directives per trace (<c>GET /sim/applied</c>): the witness that none is applied twice.</summary>
public sealed class AppliedCommandsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TestPlug _plug = new();

    [Fact]
    public async Task Each_gateway_command_applied_counts_under_its_trace_and_an_app_s_command_or_a_rejected_one_does_not()
    {
        var applied = new AppliedCommands();
        var processor = new CommandProcessor(_plug.Device, _plug.StatePublisher, _plug.Sender, TestPlug.Identity,
            NullLogger<CommandProcessor>.Instance, applied: applied);
        var first = ActivityTraceId.CreateRandom();
        var second = ActivityTraceId.CreateRandom();

        await processor.HandleAsync(Command("""{"state":"ON"}""", first, correlated: true), CancellationToken.None).WaitAsync(Bound);
        await processor.HandleAsync(Command("""{"brightness":40}""", second, correlated: true), CancellationToken.None).WaitAsync(Bound);
        // The same trace again: a directive applied twice shows as a count of 2.
        await processor.HandleAsync(Command("""{"brightness":50}""", second, correlated: true), CancellationToken.None).WaitAsync(Bound);
        await processor.HandleAsync(Command("""{"state":"OFF"}""", ActivityTraceId.CreateRandom(), correlated: false), CancellationToken.None).WaitAsync(Bound);
        await processor.HandleAsync(Command("""{"brightness":"lots"}""", ActivityTraceId.CreateRandom(), correlated: true), CancellationToken.None).WaitAsync(Bound);

        var view = applied.View();
        Assert.Equal(3, view.Applied);
        Assert.Equal([new AppliedTrace(first.ToHexString(), 1), new AppliedTrace(second.ToHexString(), 2)], view.Traces);
    }

    [Fact]
    public void Only_the_most_recent_traces_are_kept()
    {
        var applied = new AppliedCommands();
        var oldest = ActivityTraceId.CreateRandom();
        applied.Record(oldest);
        for (var i = 0; i < AppliedCommands.Capacity; i++)
        {
            applied.Record(ActivityTraceId.CreateRandom());
        }

        var view = applied.View();
        Assert.Equal(AppliedCommands.Capacity + 1, view.Applied);
        Assert.Equal(AppliedCommands.Capacity, view.Traces.Count);
        Assert.DoesNotContain(view.Traces, t => t.TraceId == oldest.ToHexString());
    }

    private static ReceivedCommand Command(string payload, ActivityTraceId trace, bool correlated)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic("homes/home-1/devices/plug-1/set")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTraceContext(new ActivityContext(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded));
        if (correlated)
        {
            builder.WithResponseTopic("homes/home-1/gateway/responses").WithCorrelationData(Encoding.UTF8.GetBytes(trace.ToHexString()[..8]));
        }

        return ReceivedCommand.From(builder.Build(), packetIdentifier: 3);
    }

    public void Dispose() => _plug.Dispose();
}
