using System.Buffers;
using MQTTnet;
using MQTTnet.Packets;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// A command as it arrived, copied out of MQTTnet's buffers (which are not ours to keep after the
/// receive handler returns) so that it can be processed after the handler has acknowledged it.
/// </summary>
internal sealed record ReceivedCommand(
    string Topic,
    byte[] Payload,
    string? ResponseTopic,
    byte[]? CorrelationData,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties,
    ushort PacketIdentifier)
{
    public static ReceivedCommand From(MqttApplicationMessage message, ushort packetIdentifier) => new(
        message.Topic,
        message.Payload.ToArray(),
        string.IsNullOrEmpty(message.ResponseTopic) ? null : message.ResponseTopic,
        message.CorrelationData?.ToArray(),
        message.UserProperties?.Select(property => KeyValuePair.Create(property.Name, property.ReadValueAsString())).ToArray() ?? [],
        packetIdentifier);
}
