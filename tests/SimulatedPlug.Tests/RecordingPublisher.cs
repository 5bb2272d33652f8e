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

    /// <summary>When set, every publish is recorded at once but its PUBACK waits for this task.</summary>
    public Task? PubAcksAfter { get; set; }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Published.Enqueue(message);
        var packetIdentifier = (ushort)Interlocked.Increment(ref _packetIdentifier);
        var result = new MqttClientPublishResult(packetIdentifier, ReasonCode, null, Array.Empty<MqttUserProperty>());
        return PubAcksAfter is { } pubAcks ? AfterAsync(pubAcks, result) : Task.FromResult(result);
    }

    private static async Task<MqttClientPublishResult> AfterAsync(Task pubAcks, MqttClientPublishResult result)
    {
        await pubAcks;
        return result;
    }

    public IReadOnlyList<MqttApplicationMessage> To(string topic) =>
        Published.Where(message => message.Topic == topic).ToList();
}
