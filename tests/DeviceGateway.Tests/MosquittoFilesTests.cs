using System.Security.Cryptography;
using SmartHome.AppHost.Mqtt;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The files the AppHost gives Debian's mosquitto: the same users and rules as the embedded broker.</summary>
public sealed class MosquittoFilesTests
{
    private static readonly MosquittoSecrets Secrets = new("seed", "obs-secret", "ha-secret", "bridge-secret");

    [Fact]
    public void The_configuration_is_one_loopback_listener_without_anonymous_clients()
    {
        var lines = MosquittoFiles.Config(18830, "/tmp/x", "someone").Split('\n');

        Assert.Contains("per_listener_settings true", lines);
        Assert.Contains("listener 18830 127.0.0.1", lines);
        Assert.Contains("allow_anonymous false", lines);
        Assert.Contains("password_file /tmp/x/passwd", lines);
        Assert.Contains("acl_file /tmp/x/acl", lines);
        Assert.Contains("use_username_as_clientid true", lines);
        Assert.Contains("user someone", lines);
        // The per-listener settings come after the listener they belong to.
        Assert.True(Array.IndexOf(lines, "listener 18830 127.0.0.1") < Array.IndexOf(lines, "allow_anonymous false"));
    }

    [Fact]
    public void A_password_is_hashed_in_mosquitto_passwds_pbkdf2_sha512_format()
    {
        var salt = Enumerable.Range(1, 12).Select(i => (byte)i).ToArray();

        var hash = MosquittoFiles.Hash("p4ss", salt);

        var parts = hash.Split('$');
        Assert.Equal(["", "7", "101", Convert.ToBase64String(salt)], parts[..4]);
        var expected = Rfc2898DeriveBytes.Pbkdf2("p4ss"u8, salt, 101, HashAlgorithmName.SHA512, 64);
        Assert.Equal(expected, Convert.FromBase64String(parts[4]));
        Assert.NotEqual(MosquittoFiles.Hash("p4ss"), MosquittoFiles.Hash("p4ss")); // a fresh salt each time
    }

    [Fact]
    public void Every_user_of_a_fleet_has_its_password_and_no_password_is_written_in_clear()
    {
        var world = TestHomes.Fleet(2);

        var users = MosquittoFiles.Users(world, Secrets).ToDictionary(u => u.User, u => u.Password);
        var file = MosquittoFiles.Passwords(world, Secrets);

        Assert.Equal(["gateway-home-1", "home-1/plug-1", "home-2/plug-1", "homeassistant", "homeassistant@home-2", "observer", "observer@home-2"], users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("bridge-secret", users["gateway-home-1"]);
        Assert.Equal("obs-secret", users["observer"]);
        Assert.Equal(LanRoles.Password(world, LanRole.Observer, "home-2", "obs-secret"), users["observer@home-2"]);
        Assert.Equal(WorldSecrets.DeviceMqttPassword(world, "home-2", "plug-1", "seed"), users["home-2/plug-1"]);
        Assert.Equal(7, file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(users.Values, password => Assert.DoesNotContain(password, file, StringComparison.Ordinal));
        Assert.Contains("\nobserver@home-2:$7$101$", file, StringComparison.Ordinal);
    }

    [Fact]
    public void The_acl_gives_each_user_its_role_in_its_own_home_only()
    {
        var acl = Sections(MosquittoFiles.Acl(TestHomes.Fleet(2)));

        Assert.Equal(["topic readwrite homes/#"], acl["gateway-home-1"]);
        Assert.Equal(["topic read homes/home-1/#", "topic read homeassistant/+/home-1/plug-1/config"], acl["observer"]);
        Assert.Equal(["topic read homes/home-2/#", "topic read homeassistant/+/home-2/plug-1/config"], acl["observer@home-2"]);
        Assert.Equal(["topic read homes/home-1/#", "topic read homeassistant/+/home-1/plug-1/config", "topic write homes/home-1/devices/+/set"], acl["homeassistant"]);
        Assert.Equal(
            [
                "topic write homes/home-2/devices/plug-1/state",
                "topic write homes/home-2/devices/plug-1/availability",
                "topic write homes/home-2/gateway/responses",
                "topic write homeassistant/light/home-2/plug-1/config",
                "topic write homeassistant/switch/home-2/plug-1/config",
                "topic read homes/home-2/devices/plug-1/set",
            ],
            acl["home-2/plug-1"]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_files_are_written_readable_by_their_owner_only()
    {
        var directory = Path.Combine(Path.GetTempPath(), "smarthome-mosquitto-test", Guid.NewGuid().ToString("n"));
        try
        {
            await MosquittoFiles.WriteAsync(directory, 18830, TestHomes.OneHome, Secrets, CancellationToken.None);

            foreach (var file in new[] { MosquittoFiles.ConfigFile, MosquittoFiles.PasswordFile, MosquittoFiles.AclFile })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, file)));
            }

            Assert.Contains("user plug-2\n", await File.ReadAllTextAsync(Path.Combine(directory, MosquittoFiles.AclFile)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The ACL's rules by user, comments and blank lines left out.</summary>
    private static Dictionary<string, List<string>> Sections(string acl)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in acl.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("user ", StringComparison.Ordinal))
            {
                sections[line[5..]] = current = [];
            }
            else
            {
                current!.Add(line);
            }
        }

        return sections;
    }
}
