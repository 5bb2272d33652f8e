using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Telemetry;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Publishes at QoS 1 inside a <c>send &lt;topic&gt;</c> span whose context travels in the MQTT 5
/// user properties. Failures are logged and reported as <c>false</c>, never thrown: a lost
/// publish must not take the plug down.
/// </summary>
internal sealed class MessageSender(IMqttPublisher publisher, ILogger<MessageSender> logger)
{
    public async Task<bool> SendAsync(
        string topic, byte[] payload, bool retain, byte[]? correlationData, CancellationToken cancellationToken) =>
        await SendAsync(topic, payload, retain, correlationData, userProperty: null, cancellationToken);

    /// <summary>A publish with one more MQTT 5 user property beside the trace context (the state's change cause).</summary>
    public async Task<bool> SendAsync(string topic, byte[] payload, bool retain, byte[]? correlationData,
        KeyValuePair<string, string>? userProperty, CancellationToken cancellationToken)
    {
        if (!publisher.IsConnected)
        {
            MqttLog.NotConnected(logger, topic);
            return false;
        }

        using var activity = PlugTelemetry.Source.StartMqttSend(topic, publisher.ClientId);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            // Without a listener there is no send span: pass on the context we are in instead.
            .WithTraceContext(TraceContextCarrier.ContextFor(activity));
        if (correlationData is not null)
        {
            builder.WithCorrelationData(correlationData);
        }

        if (userProperty is { } property)
        {
            builder.WithUserProperty(property.Key, new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(property.Value)));
        }

        try
        {
            var result = await publisher.PublishAsync(builder.Build(), cancellationToken);
            activity.SetPacketIdentifier(result.PacketIdentifier);
            if (!result.IsSuccess)
            {
                activity.Fail($"PUBACK {result.ReasonCode}");
                MqttLog.PublishRefused(logger, topic, result.ReasonCode, result.ReasonString);
                return false;
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity.Fail(ex.Message);
            MqttLog.PublishFailed(logger, topic, ex);
            return false;
        }
    }

    public Task<bool> SendAsync(string topic, string payload, bool retain, CancellationToken cancellationToken) =>
        SendAsync(topic, System.Text.Encoding.UTF8.GetBytes(payload), retain, correlationData: null, cancellationToken);
}
