using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Telemetry;

namespace SmartHome.SimulatedPlug.Tests;

public sealed class CommandProcessorTests : IDisposable
{
    private const string ResponseTopic = "homes/home-1/gateway/responses";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestPlug _plug = new();
    private readonly ActivityRecorder _recorder = new(PlugTelemetry.SourceName);

    [Fact]
    public async Task A_command_is_applied_published_as_retained_state_and_answered_with_its_correlation_data()
    {
        var (command, gatewaySpan) = Command("""{"brightness":40}""", correlation: "cmd-1");

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(new Dimmer(isOn: true, level: 40), _plug.Device.Current);

        var state = Assert.Single(_plug.Publisher.To(_plug.Topics.State));
        Assert.Equal("""{"state":"ON","brightness":40}""", state.ConvertPayloadToString());
        Assert.True(state.Retain);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, state.QualityOfServiceLevel);

        var response = Assert.Single(_plug.Publisher.To(ResponseTopic));
        Assert.Equal("""{"state":"ON","brightness":40}""", response.ConvertPayloadToString());
        Assert.False(response.Retain);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, response.QualityOfServiceLevel);
        Assert.Equal("cmd-1", Encoding.UTF8.GetString(response.CorrelationData));

        // The state goes out before the answer, so whoever reads the answer finds the state retained.
        Assert.Equal([_plug.Topics.State, ResponseTopic], _plug.Publisher.Published.Select(message => message.Topic));

        // One trace: gateway -> process (Consumer) -> send state / send response (Producer).
        var spans = _recorder.InTrace(gatewaySpan.TraceId);
        var process = Assert.Single(spans, span => span.Kind == ActivityKind.Consumer);
        Assert.Equal("process homes/home-1/devices/plug-1/set", process.DisplayName);
        Assert.Equal(gatewaySpan.SpanId, process.ParentSpanId);
        Assert.Equal("mqtt", process.GetTagItem("network.protocol.name"));
        Assert.Equal("homes/home-1/devices/plug-1/set", process.GetTagItem("messaging.destination.name"));
        Assert.Equal("process", process.GetTagItem("messaging.operation.type"));
        Assert.Equal("plug-1", process.GetTagItem("messaging.client.id"));
        Assert.Equal("5", process.GetTagItem("messaging.message.id"));
        Assert.NotEqual(ActivityStatusCode.Error, process.Status);

        var sends = spans.Where(span => span.Kind == ActivityKind.Producer).ToList();
        Assert.Equal(
            ["send homes/home-1/devices/plug-1/state", $"send {ResponseTopic}"],
            sends.Select(span => span.DisplayName).Order());
        Assert.All(sends, send => Assert.Equal(process.SpanId, send.ParentSpanId));
        Assert.All(sends, send => Assert.Equal("send", send.GetTagItem("messaging.operation.type")));

        // Each publication carries its own send span as the parent for whoever processes it.
        var responseContext = TraceContextCarrier.Extract(response);
        Assert.Equal(gatewaySpan.TraceId, responseContext.TraceId);
        Assert.Equal(sends.Single(span => span.DisplayName == $"send {ResponseTopic}").SpanId, responseContext.SpanId);
        Assert.Equal(gatewaySpan.TraceId, TraceContextCarrier.Extract(state).TraceId);
    }

    [Fact]
    public async Task The_answer_goes_out_right_behind_the_state_without_waiting_for_the_states_puback()
    {
        var pubAcks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _plug.Publisher.PubAcksAfter = pubAcks.Task;
        var (command, _) = Command("""{"state":"ON"}""", correlation: "cmd-5");

        var handling = _plug.Processor.HandleAsync(command, CancellationToken.None);

        // Both are on their way, the state first, while no PUBACK has come back yet.
        Assert.Equal([_plug.Topics.State, ResponseTopic], _plug.Publisher.Published.Select(message => message.Topic));
        Assert.False(handling.IsCompleted);
        pubAcks.SetResult();
        await handling.WaitAsync(Bound);
    }

    [Theory]
    [InlineData("""{"brightness":150}""", "brightness must be from 0 to 100")]
    [InlineData("""{"state":"DIM"}""", "state must be ON or OFF")]
    [InlineData("""{}""", "neither")]
    [InlineData("not json", "not JSON")]
    public async Task An_invalid_command_is_answered_with_invalid_command_and_changes_nothing(string payload, string reasonPart)
    {
        var before = _plug.Device.Current;
        var (command, gatewaySpan) = Command(payload, correlation: "cmd-bad");

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);

        Assert.Same(before, _plug.Device.Current);
        Assert.Empty(_plug.Publisher.To(_plug.Topics.State));

        var response = Assert.Single(_plug.Publisher.To(ResponseTopic));
        Assert.Equal("cmd-bad", Encoding.UTF8.GetString(response.CorrelationData));
        var error = System.Text.Json.JsonSerializer.Deserialize(response.Payload.ToArray(), PlugJson.Default.CommandError);
        Assert.NotNull(error);
        Assert.Equal("invalid_command", error.Error);
        Assert.Contains(reasonPart, error.Message);

        var process = Assert.Single(_recorder.InTrace(gatewaySpan.TraceId), span => span.Kind == ActivityKind.Consumer);
        Assert.Equal(ActivityStatusCode.Error, process.Status);
        Assert.StartsWith("invalid_command", process.StatusDescription);
    }

    [Fact]
    public async Task A_command_without_a_response_topic_is_applied_but_not_answered()
    {
        var (command, _) = Command("""{"state":"ON"}""", correlation: null);

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);

        Assert.True(_plug.Device.Current.IsOn);
        var only = Assert.Single(_plug.Publisher.Published);
        Assert.Equal(_plug.Topics.State, only.Topic);
    }

    [Fact]
    public async Task A_broken_link_while_answering_is_logged_not_thrown()
    {
        _plug.Publisher.Failure = new MQTTnet.Exceptions.MqttCommunicationException("socket closed");
        var (command, gatewaySpan) = Command("""{"brightness":30}""", correlation: "cmd-2");

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);

        // The lamp still dims: the command arrived, only the answers were lost.
        Assert.Equal(30, _plug.Device.Current.Level);
        var spans = _recorder.InTrace(gatewaySpan.TraceId);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, span => span.Kind == ActivityKind.Consumer).Status);
        Assert.All(spans.Where(span => span.Kind == ActivityKind.Producer),
            send => Assert.Equal(ActivityStatusCode.Error, send.Status));
    }

    [Fact]
    public async Task A_refused_puback_marks_the_send_span_failed()
    {
        _plug.Publisher.ReasonCode = MqttClientPublishReasonCode.NotAuthorized;
        var (command, gatewaySpan) = Command("""{"state":"ON"}""", correlation: "cmd-3");

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);

        var sends = _recorder.InTrace(gatewaySpan.TraceId).Where(span => span.Kind == ActivityKind.Producer).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, send => Assert.Equal("PUBACK NotAuthorized", send.StatusDescription));
    }

    [Fact]
    public async Task Offline_nothing_is_published_and_the_state_goes_out_on_the_next_connect()
    {
        _plug.Publisher.IsConnected = false;
        var (command, _) = Command("""{"brightness":60}""", correlation: "cmd-4");

        await _plug.Processor.HandleAsync(command, CancellationToken.None).WaitAsync(Bound);
        Assert.Empty(_plug.Publisher.Published);

        _plug.Publisher.IsConnected = true;
        Assert.True(await _plug.StatePublisher.PublishAsync(CancellationToken.None).WaitAsync(Bound));
        var state = Assert.Single(_plug.Publisher.Published);
        Assert.Equal("""{"state":"ON","brightness":60}""", state.ConvertPayloadToString());
    }

    [Fact]
    public async Task The_button_toggles_and_the_retained_state_follows()
    {
        _plug.Device.PressButton();
        await _plug.StatePublisher.PublishAsync(CancellationToken.None).WaitAsync(Bound);

        var state = Assert.Single(_plug.Publisher.Published);
        Assert.Equal("""{"state":"ON","brightness":100}""", state.ConvertPayloadToString());
        Assert.True(state.Retain);
    }

    /// <summary>A command as the gateway publishes it, inside a gateway span, as the plug receives it.</summary>
    private static (ReceivedCommand Command, Activity GatewaySpan) Command(string payload, string? correlation)
    {
        using var gatewaySpan = ActivityRecorder.TestSource.StartActivity("send homes/home-1/devices/plug-1/set", ActivityKind.Producer)
            ?? throw new InvalidOperationException("The test listener samples every span.");
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic("homes/home-1/devices/plug-1/set")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTraceContext(gatewaySpan.Context);
        if (correlation is not null)
        {
            builder.WithResponseTopic(ResponseTopic).WithCorrelationData(Encoding.UTF8.GetBytes(correlation));
        }

        // The plug processes outside the gateway's span, as it would in another process.
        Activity.Current = null;
        return (ReceivedCommand.From(builder.Build(), packetIdentifier: 5), gatewaySpan);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _plug.Dispose();
    }
}
