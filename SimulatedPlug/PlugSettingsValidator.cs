using Microsoft.Extensions.Options;
using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug;

/// <summary>Start-up validation of <see cref="PlugSettings"/>, with messages that name the key and the value.</summary>
internal sealed class PlugSettingsValidator : IValidateOptions<PlugSettings>
{
    public ValidateOptionsResult Validate(string? name, PlugSettings settings)
    {
        var builder = new ValidateOptionsResultBuilder();
        Required(builder, PlugSettings.HomeIdKey, settings.HomeId);
        Required(builder, PlugSettings.DeviceIdKey, settings.DeviceId);
        if (Required(builder, PlugSettings.BrokerUrlKey, settings.BrokerUrl) && !PlugSettings.TryParseBroker(settings.BrokerUrl, out _))
        {
            builder.AddError($"Configuration '{PlugSettings.BrokerUrlKey}' must look like tcp://host:port, not '{settings.BrokerUrl}'.");
        }

        InRange(builder, PlugSettings.KeepAliveSecondsKey, settings.KeepAliveSeconds, 1, ushort.MaxValue);
        InRange(builder, PlugSettings.MinimumLevelKey, settings.MinimumLevel, Dimmer.LowestLevel, Dimmer.HighestLevel);
        return builder.Build();
    }

    private static bool Required(ValidateOptionsResultBuilder builder, string key, string value)
    {
        if (value is { Length: > 0 })
        {
            return true;
        }

        builder.AddError($"Configuration '{key}' is missing.");
        return false;
    }

    private static void InRange(ValidateOptionsResultBuilder builder, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            builder.AddError($"Configuration '{key}' must be an integer from {min} to {max}, not '{value}'.");
        }
    }
}
