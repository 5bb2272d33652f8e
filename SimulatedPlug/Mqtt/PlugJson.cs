using System.Text.Json;
using System.Text.Json.Serialization;
using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>Source-generated serialization of every MQTT payload the plug writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PlugLightState))]
[JsonSerializable(typeof(LightCommand))]
[JsonSerializable(typeof(CommandError))]
[JsonSerializable(typeof(DiscoveryConfig))]
[JsonSerializable(typeof(SwitchDiscoveryConfig))]
internal sealed partial class PlugJson : JsonSerializerContext
{
    public static byte[] Serialize(PlugLightState state) => JsonSerializer.SerializeToUtf8Bytes(state, Default.PlugLightState);

    public static byte[] Serialize(CommandError error) => JsonSerializer.SerializeToUtf8Bytes(error, Default.CommandError);

    public static byte[] Serialize(DiscoveryConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, Default.DiscoveryConfig);

    public static byte[] Serialize(SwitchDiscoveryConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, Default.SwitchDiscoveryConfig);
}
