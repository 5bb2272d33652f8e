using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway;

/// <summary>Start-up validation of <see cref="GatewayOptions"/>, with messages that name the key.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.RequireValue(GatewayOptions.GatewaySecretKey, options.GatewaySecret);
        Port(builder, GatewayOptions.WanPortKey, options.WanPort);
        Port(builder, GatewayOptions.MqttPortKey, options.MqttPort);
        // The binder leaves the URL null when the key is missing.
        if (builder.RequireValue(GatewayOptions.UplinkUrlKey, options.UplinkUrl?.OriginalString) && !options.UplinkUrl!.IsAbsoluteUri)
        {
            builder.AddError($"Configuration '{GatewayOptions.UplinkUrlKey}' must be an absolute URL, not '{options.UplinkUrl}'.");
        }

        builder.RequireRange(GatewayOptions.UplinkKeepAliveSecondsKey, options.UplinkKeepAliveSeconds, 1, 3600);
        if (!options.Broker.Equals(GatewayOptions.EmbeddedBroker, StringComparison.OrdinalIgnoreCase) && options.HostsBroker)
        {
            builder.AddError($"Configuration '{GatewayOptions.BrokerKey}' must be '{GatewayOptions.EmbeddedBroker}' or '{GatewayOptions.ExternalBroker}', not '{options.Broker}'.");
        }

        if (!options.HostsBroker)
        {
            // The bridge joins a broker it does not host: where, and as whom.
            if (options.BrokerUrl is not { IsAbsoluteUri: true })
            {
                builder.AddError($"Configuration 'Mqtt:BrokerUrl' must be an absolute tcp:// URL with '{GatewayOptions.BrokerKey}={GatewayOptions.ExternalBroker}'.");
            }

            builder.RequireValue(GatewayOptions.BridgePasswordKey, options.BridgePassword);
        }

        return builder.Build();
    }

    // A port the binder left at 0 was not configured.
    private static void Port(ValidateOptionsResultBuilder builder, string key, int port)
    {
        if (port == 0)
        {
            builder.AddError($"Configuration '{key}' is missing.");
        }
        else
        {
            builder.RequireRange(key, port, 1, ushort.MaxValue);
        }
    }
}
