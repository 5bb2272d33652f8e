using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Packets;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>Stands in for the MQTT session: records what would go to the broker.</summary>
internal sealed class RecordingPublisher : IMqttPublisher
{
    private int _packetIdentifier;

    public ConcurrentQueue<MqttApplicationMessage> Published { get; } = new();

    public string ClientId => "plug-1";

    public bool IsConnected { get; set; } = true;

    /// <summary>When set, every publish throws it (the link dropped mid-publish).</summary>
    public Exception? Failure { get; set; }

    public MqttClientPublishReasonCode ReasonCode { get; set; } = MqttClientPublishReasonCode.Success;

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Published.Enqueue(message);
        var packetIdentifier = (ushort)Interlocked.Increment(ref _packetIdentifier);
        return Task.FromResult(new MqttClientPublishResult(packetIdentifier, ReasonCode, null, Array.Empty<MqttUserProperty>()));
    }

    public IReadOnlyList<MqttApplicationMessage> To(string topic) =>
        Published.Where(message => message.Topic == topic).ToList();
}
