using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>What a declared device is; its kind decides its capabilities (see docs/worlds.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviceKind>))]
public enum DeviceKind
{
    /// <summary>Today's plug: a dimmer feeding a lamp (a LIGHT with power and brightness), with a minimum level.</summary>
    [JsonStringEnumMemberName("dimmable-plug")]
    DimmablePlug,

    /// <summary>A plain plug that only switches (a SMARTPLUG with power only).</summary>
    [JsonStringEnumMemberName("onoff-plug")]
    OnOffPlug,

    /// <summary>A dimmable lamp (bulb) of its own (a LIGHT with power and brightness).</summary>
    [JsonStringEnumMemberName("dimmable-lamp")]
    DimmableLamp,
}

public static class DeviceKinds
{
    /// <summary>The words the world file uses, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dimmable-plug", "onoff-plug", "dimmable-lamp"];

    public static bool IsDimmable(this DeviceKind kind) => kind is DeviceKind.DimmablePlug or DeviceKind.DimmableLamp;

    /// <summary>Whether the device is a light ("turn off the lights" reaches it): the dimmable ones, which feed or are a lamp.</summary>
    public static bool IsLight(this DeviceKind kind) => kind.IsDimmable();

    public static string ToWorldName(this DeviceKind kind) => Names[(int)kind];
}
