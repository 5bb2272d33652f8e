using System.Collections.Concurrent;

namespace SmartHome.IntegrationTests;

/// <summary>Every secret a test has seen (codes, tokens, passwords): the secrets test searches telemetry for each.</summary>
public static class TestSecrets
{
    private static readonly ConcurrentDictionary<string, byte> Seen = new();

    static TestSecrets()
    {
        Remember(SmartHomeAppFixture.OwnerPassword);
        Remember(SmartHomeAppFixture.AssistantClientSecret);
        Remember(SmartHomeAppFixture.GatewaySecret);
        Remember(SmartHomeAppFixture.PlugMqttPassword);
        Remember(SmartHomeAppFixture.SkillClientSecret);
        Remember(SmartHomeAppFixture.MqttObserverPassword);
        Remember(SmartHomeAppFixture.MqttHomeAssistantPassword);
        Remember(SmartHomeAppFixture.SkillTestPassword);
    }

    public static void Remember(string? secret)
    {
        // Short strings would match by accident; every real secret here is longer.
        if (secret is { Length: >= 12 })
        {
            Seen.TryAdd(secret, 0);
        }
    }

    public static IReadOnlyCollection<string> All => Seen.Keys.ToList();
}
