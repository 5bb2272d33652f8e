namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>An event's namespace and name, and which of them the gateway accepts.</summary>
public sealed record AlexaEventName(string Namespace, string Name)
{
    public bool IsAccepted => (Namespace, Name) is ("Alexa", "ChangeReport") or ("Alexa", "Response") or ("Alexa", "ErrorResponse")
        or ("Alexa.Discovery", "AddOrUpdateReport") or ("Alexa.Discovery", "DeleteReport");

    public bool IsDiscoveryReport => Namespace == "Alexa.Discovery";

    public override string ToString() => $"{Namespace}.{Name}";
}
