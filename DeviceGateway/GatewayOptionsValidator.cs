using Microsoft.Extensions.Options;

namespace SmartHome.DeviceGateway;

/// <summary>Start-up validation of <see cref="GatewayOptions"/>, with messages that name the key.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        Required(builder, GatewayOptions.HomeIdKey, options.HomeId);
        Required(builder, GatewayOptions.GatewaySecretKey, options.GatewaySecret);
        Port(builder, GatewayOptions.WanPortKey, options.WanPort);
        Port(builder, GatewayOptions.MqttPortKey, options.MqttPort);
        // The binder leaves it null when the key is missing.
        if (options.UplinkUrl is null)
        {
            builder.AddError($"Configuration '{GatewayOptions.UplinkUrlKey}' is missing.");
        }
        else if (!options.UplinkUrl.IsAbsoluteUri)
        {
            builder.AddError($"Configuration '{GatewayOptions.UplinkUrlKey}' must be an absolute URL, not '{options.UplinkUrl}'.");
        }

        return builder.Build();
    }

    private static void Required(ValidateOptionsResultBuilder builder, string key, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            builder.AddError($"Configuration '{key}' is missing.");
        }
    }

    private static void Port(ValidateOptionsResultBuilder builder, string key, int port)
    {
        if (port is <= 0 or > 65535)
        {
            builder.AddError(port == 0 ? $"Configuration '{key}' is missing." : $"Configuration '{key}' is not a TCP port: {port}.");
        }
    }
}
