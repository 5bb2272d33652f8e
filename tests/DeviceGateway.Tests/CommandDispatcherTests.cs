using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Tests;

public sealed class CommandDispatcherTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly ActivityRecorder _tracing = new(GatewayTelemetry.SourceName);
    private readonly FakeTimeProvider _time = new();
    private readonly DeviceTable _devices;
    private readonly PendingCommands _pending = new();
    private readonly FakeMqttPublisher _publisher = new();
    private readonly CommandDispatcher _dispatcher;

    public CommandDispatcherTests()
    {
        _devices = new DeviceTable(_time);
        _dispatcher = new CommandDispatcher(
            new GatewayOptions { HomeId = "home-1", GatewaySecret = "secret", WanPort = 1, MqttPort = 2, UplinkUrl = new Uri("http://localhost:1") },
            _devices, _pending, _publisher, _time, NullLogger<CommandDispatcher>.Instance);
    }

    public void Dispose() => _tracing.Dispose();

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public async Task Never_seen_device_is_offline_at_once_without_publishing()
    {
        var result = await _dispatcher.SendCommandAsync("plug-9", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ResultStatus.Offline, result.Status);
        Assert.True(_publisher.NothingPublished);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task Known_offline_device_is_offline_at_once_without_publishing()
    {
        _devices.SetAvailability("plug-1", online: true);
        _devices.SetAvailability("plug-1", online: false);

        var result = await _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ResultStatus.Offline, result.Status);
        Assert.True(_publisher.NothingPublished);
    }

    [Fact]
    public async Task Command_is_a_qos1_request_with_response_topic_correlation_and_trace_context()
    {
        _devices.SetAvailability("plug-1", online: true);
        using var parent = ActivityRecorder.TestSource.StartActivity("test parent");
        Assert.NotNull(parent);

        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState(null, 40), CancellationToken.None);
        var message = await _publisher.NextAsync();

        Assert.Equal("homes/home-1/devices/plug-1/set", message.Topic);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.QualityOfServiceLevel);
        Assert.False(message.Retain);
        Assert.Equal("homes/home-1/gateway/responses", message.ResponseTopic);
        Assert.Equal(16, message.CorrelationData.Length);
        Assert.Equal("""{"brightness":40}""", message.ConvertPayloadToString());
        var traceparent = Assert.Single(message.UserProperties, p => p.Name == "traceparent").ReadValueAsString();
        // Same trace as the caller, new span (the Producer span "send ...").
        Assert.StartsWith($"00-{parent.TraceId}-", traceparent);
        Assert.DoesNotContain(parent.SpanId.ToString(), traceparent);

        Assert.True(_pending.TryComplete(message.CorrelationData, () => CommandResult.FromResponse(Json("""{"state":"ON","brightness":40}"""))));
        var result = await sending.WaitAsync(Bound);

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal(new LightState("ON", 40), result.State);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task Response_with_other_correlation_data_does_not_complete_the_command()
    {
        _devices.SetAvailability("plug-1", online: true);
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        var message = await _publisher.NextAsync();

        Assert.False(_pending.TryComplete(Guid.NewGuid().ToByteArray(), () => CommandResult.Ok(new LightState("OFF"))));
        Assert.False(_pending.TryComplete([1, 2, 3], () => CommandResult.Ok(new LightState("OFF"))));
        Assert.False(sending.IsCompleted);

        Assert.True(_pending.TryComplete(message.CorrelationData, () => CommandResult.Ok(new LightState("ON", 100))));
        Assert.Equal(new LightState("ON", 100), (await sending.WaitAsync(Bound)).State);
    }

    [Fact]
    public async Task Error_response_is_rejected_with_the_devices_message()
    {
        _devices.SetAvailability("plug-1", online: true);
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState(null, 140), CancellationToken.None);
        var message = await _publisher.NextAsync();

        _pending.TryComplete(message.CorrelationData,
            () => CommandResult.FromResponse(Json("""{"error":"invalid_command","message":"brightness must be 0..100"}""")));
        var result = await sending.WaitAsync(Bound);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal("brightness must be 0..100", result.Error);
    }

    [Fact]
    public async Task No_response_within_five_seconds_is_a_timeout()
    {
        _devices.SetAvailability("plug-1", online: true);
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        var message = await _publisher.NextAsync();

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(sending.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await sending.WaitAsync(Bound);

        Assert.Equal(ResultStatus.Timeout, result.Status);
        Assert.Equal(0, _pending.Count);
        // A response that arrives after the timeout matches nothing.
        Assert.False(_pending.TryComplete(message.CorrelationData, () => CommandResult.Ok(new LightState("ON"))));
    }

    [Fact]
    public async Task Device_going_offline_completes_its_pending_command_at_once()
    {
        _devices.SetAvailability("plug-1", online: true);
        _devices.SetAvailability("plug-2", online: true);
        var toPlug1 = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        var toPlug2 = _dispatcher.SendCommandAsync("plug-2", new LightState("ON"), CancellationToken.None);
        await _publisher.NextAsync();
        await _publisher.NextAsync();

        Assert.Equal(1, _pending.CompleteAllFor("plug-1", CommandResult.Offline("plug-1")));

        Assert.Equal(ResultStatus.Offline, (await toPlug1.WaitAsync(Bound)).Status);
        Assert.False(toPlug2.IsCompleted);
    }

    [Fact]
    public async Task Publish_failure_is_an_error_not_an_exception()
    {
        _devices.SetAvailability("plug-1", online: true);
        _publisher.FailWith = new InvalidOperationException("the gateway's MQTT session is down");

        var result = await _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("session is down", result.Error);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task Never_heard_and_known_offline_devices_fail_with_different_causes()
    {
        _devices.SetAvailability("plug-1", online: false);

        var known = await _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);
        var unknown = await _dispatcher.SendCommandAsync("plug-9", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(CommandFailure.PlugSaidOffline(), known.Failure);
        Assert.Equal(CommandFailure.PlugNeverHeard(), unknown.Failure);
    }

    [Fact]
    public async Task Timeout_names_the_plug_and_the_time_it_had()
    {
        _devices.SetAvailability("plug-1", online: true);
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        await _publisher.NextAsync();

        _time.Advance(CommandDispatcher.ResponseTimeout);

        Assert.Equal(new FailedHop("plug", "the plug did not answer within 5 s"), (await sending.WaitAsync(Bound)).Failure);
    }

    [Fact]
    public async Task Publish_failure_marks_the_send_span_with_the_gateway_hop()
    {
        _devices.SetAvailability("plug-1", online: true);
        _publisher.FailWith = new InvalidOperationException("the gateway's MQTT session is down");
        using var parent = ActivityRecorder.TestSource.StartActivity("test parent");
        Assert.NotNull(parent);

        var result = await _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        const string cause = "the gateway could not publish the command: the gateway's MQTT session is down";
        Assert.Equal(new FailedHop("gateway", cause), result.Failure);
        var send = _tracing.Single("send homes/home-1/devices/plug-1/set", parent.TraceId);
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal("gateway", send.GetTagItem("smarthome.failed_hop"));
        Assert.Equal(cause, send.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task Broker_refusal_marks_the_send_span_with_the_gateway_hop_and_reason_code()
    {
        _devices.SetAvailability("plug-1", online: true);
        _publisher.ReasonCode = MqttClientPublishReasonCode.NotAuthorized;
        using var parent = ActivityRecorder.TestSource.StartActivity("test parent");
        Assert.NotNull(parent);

        var result = await _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal(new FailedHop("gateway", "the broker refused the command: NotAuthorized refused by the test"), result.Failure);
        var send = _tracing.Single("send homes/home-1/devices/plug-1/set", parent.TraceId);
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal("gateway", send.GetTagItem("smarthome.failed_hop"));
        Assert.Equal(result.Failure!.Cause, send.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task Accepted_publish_leaves_the_send_span_unmarked()
    {
        _devices.SetAvailability("plug-1", online: true);
        using var parent = ActivityRecorder.TestSource.StartActivity("test parent");
        Assert.NotNull(parent);

        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        var message = await _publisher.NextAsync();
        _pending.TryComplete(message.CorrelationData, () => CommandResult.Ok(new LightState("ON", 100)));
        await sending.WaitAsync(Bound);

        var send = _tracing.Single("send homes/home-1/devices/plug-1/set", parent.TraceId);
        Assert.Equal(ActivityStatusCode.Unset, send.Status);
        Assert.Null(send.GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_timeout()
    {
        _devices.SetAvailability("plug-1", online: true);
        using var cancel = new CancellationTokenSource();
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), cancel.Token);
        await _publisher.NextAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Bound));
        Assert.Equal(0, _pending.Count);
    }

    [Theory]
    [InlineData("""{"state":"OFF","brightness":40}""", "Ok")]
    [InlineData("""{"error":"invalid_command"}""", "Rejected")]
    [InlineData("""not json""", "Error")]
    [InlineData("""[1,2]""", "Error")]
    public void Response_payloads_map_to_statuses(string payload, string expected)
    {
        Assert.Equal(Enum.Parse<ResultStatus>(expected), CommandResult.FromResponse(Json(payload)).Status);
    }
}
