using Microsoft.Extensions.DependencyInjection;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AppHost.Mqtt;

/// <summary>
/// The home LAN's broker, by the parameter <c>mqtt-broker</c>: <c>embedded</c> (default: the gateway's own MQTTnet
/// broker) or <c>mosquitto</c> (Debian's, started here with files made for the world; the gateway becomes its client).
/// </summary>
internal static class MqttBrokerModes
{
    public const string Parameter = "mqtt-broker";
    public const string Embedded = "embedded";
    public const string Mosquitto = "mosquitto";

    /// <summary>The mode configured; a value that is neither stops the start with a message naming both.</summary>
    public static string From(IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration[$"Parameters:{Parameter}"] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : Embedded;
        return mode is Embedded or Mosquitto
            ? mode
            : throw new InvalidOperationException($"The parameter '{Parameter}' must be '{Embedded}' or '{Mosquitto}', not '{mode}'.");
    }

    /// <summary>
    /// mosquitto on a loopback port of its own (an Aspire endpoint, not proxied; <paramref name="port"/>, else chosen at start), its configuration, password file and
    /// ACL written for <paramref name="world"/> into a fresh folder under the temp directory when it starts.
    /// </summary>
    public static IResourceBuilder<MosquittoResource> AddMosquitto(this IDistributedApplicationBuilder builder, string name, int? port, World world,
        IResourceBuilder<ParameterResource> devicePasswordSeed, IResourceBuilder<ParameterResource> observerPassword,
        IResourceBuilder<ParameterResource> homeAssistantPassword, IResourceBuilder<ParameterResource> bridgePassword)
    {
        if (!File.Exists(MosquittoResource.Executable))
        {
            throw new InvalidOperationException($"'{Parameter}={Mosquitto}' needs Debian's mosquitto: {MosquittoResource.Executable} is missing (apt-get install mosquitto).");
        }

        // Never in the repository: the files hold the hashes of every password of the world.
        var directory = Path.Combine(Path.GetTempPath(), "smarthome-mosquitto", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        builder.Services.AddHostedService(_ => new MosquittoFilesCleanup(directory));
        var resource = new MosquittoResource(name, directory);
        return builder.AddResource(resource)
            .WithEndpoint(name: MosquittoResource.EndpointName, scheme: "tcp", port: port, isProxied: false)
            .WithArgs(async context =>
            {
                var port = await resource.Endpoint.Property(EndpointProperty.TargetPort).GetValueAsync(context.CancellationToken)
                    ?? throw new InvalidOperationException("mosquitto's endpoint has no port");
                var secrets = new MosquittoSecrets(
                    await ValueAsync(devicePasswordSeed, context.CancellationToken),
                    await ValueAsync(observerPassword, context.CancellationToken),
                    await ValueAsync(homeAssistantPassword, context.CancellationToken),
                    await ValueAsync(bridgePassword, context.CancellationToken));
                await MosquittoFiles.WriteAsync(directory, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), world, secrets, context.CancellationToken);
                context.Args.Add("-c");
                context.Args.Add(Path.Combine(directory, MosquittoFiles.ConfigFile));
            })
            .WithIconName("Router");
    }

    private static async Task<string> ValueAsync(IResourceBuilder<ParameterResource> parameter, CancellationToken cancellationToken) =>
        await parameter.Resource.GetValueAsync(cancellationToken) ?? "";
}
