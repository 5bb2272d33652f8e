using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A device in a home: its id (unique in its home and in its account), spoken name, room and kind.</summary>
public sealed record WorldDevice(
    string Id,
    string Name,
    string? Room,
    DeviceKind Kind,
    [property: JsonPropertyName("minimumLevel")] int? DeclaredMinimumLevel = null)
{
    /// <summary>The lamp output at level 1 of a dimmable device, percent (today's plug: 10).</summary>
    public const int DefaultMinimumLevel = 10;

    /// <summary>The minimum level in force: the declared one, else the default; null for a device that does not dim.</summary>
    [JsonIgnore]
    public int? MinimumLevel => Kind.IsDimmable() ? DeclaredMinimumLevel ?? DefaultMinimumLevel : null;
}
