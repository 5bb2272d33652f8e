namespace SmartHome.AppHost.Mqtt;

/// <summary>Debian's mosquitto (<c>/usr/sbin/mosquitto</c>, package mosquitto) as the home LAN's MQTT 5 broker.</summary>
public sealed class MosquittoResource(string name, string workingDirectory)
    : ExecutableResource(name, Executable, workingDirectory)
{
    public const string Executable = "/usr/sbin/mosquitto";
    internal const string EndpointName = "mqtt";

    public EndpointReference Endpoint => field ??= new(this, EndpointName);
}
