using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// Who may connect to the LAN broker: each device of every home by its MQTT name, with its own password
/// (<c>Mqtt:Devices:{name}:Password</c>, else derived from <c>Mqtt:DevicePasswordSeed</c>), and the gateway's own bridge with a credential made up at
/// start-up that lives only in memory (or, on an external broker, <c>Mqtt:BridgePassword</c>), and each home's
/// role users (<see cref="LanRoles"/>: <c>observer</c>, <c>homeassistant</c>). Only SHA-256 digests of the passwords are kept.
/// </summary>
internal sealed class MqttCredentials
{
    private readonly Dictionary<string, byte[]> _digests;
    private readonly Dictionary<string, LanRoleUser> _roles;

    public MqttCredentials(
        string bridgeClientId,
        IReadOnlyDictionary<string, string> devicePasswords,
        IEnumerable<(string UserName, LanRoleUser User, string Password)>? roleUsers = null,
        string? bridgePassword = null)
    {
        BridgeClientId = bridgeClientId;
        BridgePassword = string.IsNullOrEmpty(bridgePassword) ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) : bridgePassword;
        _digests = devicePasswords
            .Where(p => MqttTopics.IsValidMqttName(p.Key) && p.Key != bridgeClientId && !string.IsNullOrEmpty(p.Value))
            .ToDictionary(p => p.Key, p => Digest(Encoding.UTF8.GetBytes(p.Value)), StringComparer.Ordinal);
        _roles = new(StringComparer.Ordinal);
        foreach (var (userName, user, password) in roleUsers ?? [])
        {
            // A device or the bridge keeps its name: a role never takes one over.
            if (userName != bridgeClientId && !_digests.ContainsKey(userName) && !string.IsNullOrEmpty(password))
            {
                _roles[userName] = user;
                _digests[userName] = Digest(Encoding.UTF8.GetBytes(password));
            }
        }

        _digests[bridgeClientId] = Digest(Encoding.UTF8.GetBytes(BridgePassword));
    }

    public string BridgeClientId { get; }

    /// <summary>The bridge's password for this process's lifetime; never logged.</summary>
    public string BridgePassword { get; }

    /// <summary>The devices that have a credential.</summary>
    public IReadOnlyCollection<string> DeviceIds => [.. _digests.Keys.Where(id => id != BridgeClientId && !_roles.ContainsKey(id))];

    /// <summary>The role a user name has (an observer or integrator of a home), or null for a device, the bridge or no one.</summary>
    public LanRoleUser? FindRole(string? userName) => userName is not null ? _roles.GetValueOrDefault(userName) : null;

    /// <summary>The credentials the validated <see cref="GatewayOptions"/> give (<c>Mqtt:Devices:{deviceId}:Password</c>).</summary>
    public static MqttCredentials From(GatewayOptions options) =>
        new(options.MqttClientId, ConfiguredPasswords(options));

    /// <summary>
    /// Every device of the world: its configured password (<c>Mqtt:Devices:{name}:Password</c>), else the one
    /// <see cref="WorldSecrets.DeviceMqttPassword"/> derives from <c>Mqtt:DevicePasswordSeed</c>; a device with
    /// neither cannot join.
    /// </summary>
    public static MqttCredentials From(GatewayOptions options, World world, GatewayHomes homes)
    {
        var passwords = ConfiguredPasswords(options);
        if (options.DevicePasswordSeed.Length > 0)
        {
            foreach (var device in homes.Devices.Where(d => !passwords.ContainsKey(d.MqttName)))
            {
                passwords[device.MqttName] = WorldSecrets.DeviceMqttPassword(world, device.HomeId, device.DeviceId, options.DevicePasswordSeed);
            }
        }

        return new(options.MqttClientId, passwords,
            [.. LanRoles.Users(world, LanRole.Observer, options.ObserverPassword), .. LanRoles.Users(world, LanRole.Integrator, options.HomeAssistantPassword)],
            options.HostsBroker ? null : options.BridgePassword);
    }

    private static Dictionary<string, string> ConfiguredPasswords(GatewayOptions options) =>
        options.Devices
            .Where(device => device.Value.Password is { Length: > 0 })
            .ToDictionary(device => device.Key, device => device.Value.Password, StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="userName"/> is known and <paramref name="password"/> is its password.
    /// Digests of equal length are compared in constant time, and an unknown user costs the same work.
    /// </summary>
    public bool IsValid(string? userName, ReadOnlySpan<byte> password)
    {
        var given = Digest(password);
        byte[]? digest = null;
        var known = userName is not null && _digests.TryGetValue(userName, out digest);
        return CryptographicOperations.FixedTimeEquals(given, digest ?? UnknownUserDigest) & known;
    }

    // Compared against when the user is unknown, so that the answer takes as long as for a known one.
    private static readonly byte[] UnknownUserDigest = RandomNumberGenerator.GetBytes(SHA256.HashSizeInBytes);

    private static byte[] Digest(ReadOnlySpan<byte> password) => SHA256.HashData(password);
}
