namespace SmartHome.DeviceGateway.LanTopics;

/// <summary>What a topic under <c>homes/{homeId}/</c> is about.</summary>
internal enum HomeTopicKind
{
    DeviceSet,
    DeviceState,
    DeviceAvailability,
    GatewayStatus,
    GatewayResponses,
}

/// <summary>A parsed home topic; <see cref="DeviceId"/> is set for the device topics.</summary>
internal readonly record struct HomeTopic(HomeTopicKind Kind, string? DeviceId);

/// <summary>The home LAN's MQTT topics (docs/protocols.md, "DeviceGateway to SimulatedPlug").</summary>
internal static class MqttTopics
{
    public static string DeviceSet(string homeId, string deviceId) => $"homes/{homeId}/devices/{deviceId}/set";

    public static string DeviceState(string homeId, string deviceId) => $"homes/{homeId}/devices/{deviceId}/state";

    public static string DeviceAvailability(string homeId, string deviceId) => $"homes/{homeId}/devices/{deviceId}/availability";

    public static string GatewayStatus(string homeId) => $"homes/{homeId}/gateway/status";

    public static string GatewayResponses(string homeId) => $"homes/{homeId}/gateway/responses";

    /// <summary>The filters the bridge subscribes to.</summary>
    public static IReadOnlyList<string> BridgeSubscriptions(string homeId) =>
    [
        DeviceState(homeId, "+"),
        DeviceAvailability(homeId, "+"),
        GatewayResponses(homeId),
    ];

    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>The filters the one bridge of every home subscribes to.</summary>
    public static IReadOnlyList<string> AllHomesSubscriptions => BridgeSubscriptions("+");

    /// <summary>Parses a topic of home <paramref name="homeId"/>; false for other homes and unknown shapes.</summary>
    public static bool TryParse(string homeId, string? topic, out HomeTopic parsed) =>
        TryParse(topic, out var topicHome, out parsed) && topicHome == homeId;

    /// <summary>Parses a topic of any home, and names the home; false for unknown shapes.</summary>
    public static bool TryParse(string? topic, out string homeId, out HomeTopic parsed)
    {
        parsed = default;
        homeId = "";
        if (topic is null)
        {
            return false;
        }

        var parts = topic.Split('/');
        if (parts.Length < 4 || parts[0] != "homes" || !IsValidId(parts[1]))
        {
            return false;
        }

        homeId = parts[1];

        switch (parts)
        {
            case [_, _, "gateway", "status"]:
                parsed = new HomeTopic(HomeTopicKind.GatewayStatus, null);
                return true;
            case [_, _, "gateway", "responses"]:
                parsed = new HomeTopic(HomeTopicKind.GatewayResponses, null);
                return true;
            case [_, _, "devices", var deviceId, var leaf] when IsValidId(deviceId):
                HomeTopicKind? kind = leaf switch
                {
                    "set" => HomeTopicKind.DeviceSet,
                    "state" => HomeTopicKind.DeviceState,
                    "availability" => HomeTopicKind.DeviceAvailability,
                    _ => null,
                };
                if (kind is null)
                {
                    return false;
                }

                parsed = new HomeTopic(kind.Value, deviceId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A device's MQTT name: its id, or <c>{homeId}/{deviceId}</c> (<c>World.MqttName</c>).</summary>
    public static bool IsValidMqttName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Split('/') is { Length: <= 2 } parts && parts.All(IsValidId);

    /// <summary>A home or device id must be one topic level without wildcards.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.AsSpan().IndexOfAny("/+#\0") < 0;
}
