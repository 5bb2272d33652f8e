namespace SmartHome.AppHost.Redis;

/// <summary>An AppHost setting whose value names one of an enum's members.</summary>
public static class ConfiguredEnum
{
    /// <summary>
    /// The member <paramref name="configured"/> names (case-insensitive; <paramref name="unset"/> when empty); anything else
    /// stops the start, naming <paramref name="key"/> and the values there are.
    /// </summary>
    public static TEnum Parse<TEnum>(string key, string? configured, TEnum unset) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return unset;
        }

        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(configured.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<TEnum>(name)
            : throw new InvalidOperationException(
                $"{key} '{configured}' is not one of: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
    }
}
