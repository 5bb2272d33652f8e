using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;

namespace SmartHome.SimulatedPlug;

/// <summary>Start-up validation of <see cref="PlugSettings"/>, with messages that name the key and the value.</summary>
internal sealed class PlugSettingsValidator : IValidateOptions<PlugSettings>
{
    public ValidateOptionsResult Validate(string? name, PlugSettings settings)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (builder.RequireValue(PlugSettings.BrokerUrlKey, settings.BrokerUrl) && !PlugSettings.TryParseBroker(settings.BrokerUrl, out _))
        {
            builder.AddError($"Configuration '{PlugSettings.BrokerUrlKey}' must look like tcp://host:port, not '{settings.BrokerUrl}'.");
        }

        builder.RequireRange(PlugSettings.KeepAliveSecondsKey, settings.KeepAliveSeconds, 1, ushort.MaxValue);
        builder.RequireRange(PlugSettings.ConnectParallelismKey, settings.ConnectParallelism, 1, 1024);
        builder.RequireRange(PlugSettings.ApplyDelayMsKey, settings.ApplyDelayMs, 0, PlugSettings.MaxApplyDelayMs);
        return builder.Build();
    }
}
