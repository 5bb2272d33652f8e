using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SmartHome.Testing;

/// <summary>Fresh test secrets, long and unique, so that a search of the telemetry for them cannot match by accident.</summary>
internal static class Secrets
{
    public static string NewSecret(string purpose) => $"{purpose}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}";
}

/// <summary>
/// Every secret a world was given or has seen (its parameters, sign-in codes, state values): what must never
/// appear in its telemetry.
/// </summary>
public sealed class WorldSecrets
{
    private readonly ConcurrentDictionary<string, byte> _seen = new();

    private static readonly string[] ParameterNames =
    [
        "assistant-client-secret", "gateway-secret", "plug-mqtt-password", "skill-client-secret", "mqtt-observer-password", "mqtt-homeassistant-password",
        "skill-test-password", "owner-app-password",
    ];

    internal WorldSecrets(SmartHomeWorldOptions options)
    {
        Parameters =
        [
            ("owner-password", options.OwnerPassword),
            .. ParameterNames.Select(name => (name, options.SecretParameters.TryGetValue(name, out var given) ? given : Secrets.NewSecret(name))),
        ];
        DashboardApiKey = options.DashboardApiKey ?? Secrets.NewSecret("dashboard");
        foreach (var (_, value) in Parameters)
        {
            Remember(value);
        }
    }

    /// <summary>The AppHost's secret parameters, by name.</summary>
    public IReadOnlyList<(string Name, string Value)> Parameters { get; }

    /// <summary>The key of the dashboard's telemetry API (not a product secret: the kit's own).</summary>
    public string DashboardApiKey { get; }

    public string this[string parameter] => Parameters.Single(p => p.Name == parameter).Value;

    /// <summary>Adds a secret the world handed out (an authorization code, a state value).</summary>
    public void Remember(string? secret)
    {
        // Short strings would match by accident; every real secret is longer.
        if (secret is { Length: >= 12 })
        {
            _seen.TryAdd(secret, 0);
        }
    }

    public IReadOnlyCollection<string> All => _seen.Keys.ToList();
}
