using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.Alexa;

/// <summary>A directive ready to send: its identity for spans and logs, and its JSON (which holds the token).</summary>
public sealed record AlexaDirective(string Namespace, string Name, string MessageId, string? CorrelationToken, JsonObject Body)
{
    public string QualifiedName => $"{Namespace}.{Name}";

    // The body carries the bearer token: never print it.
    public override string ToString() => $"{QualifiedName} {MessageId}";
}
