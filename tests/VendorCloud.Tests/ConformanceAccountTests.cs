using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.Conformance;
using SmartHome.VendorCloud.Security;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The conformance test account: seeded with its password and a home of virtual devices that the vendor answers
/// itself, so a skill conformance check moves nobody's lamp; every other home still goes down its uplink.
/// </summary>
public sealed class ConformanceAccountTests
{
    private readonly InMemoryVendorDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private ConformanceAccountSeeder Seeder(string email, string password) => new(_directory,
        Options.Create(new ConformanceOptions { Email = email, Password = password }), _time, NullLogger<ConformanceAccountSeeder>.Instance);

    [Fact]
    public async Task The_test_account_is_seeded_with_its_password_and_virtual_devices_in_a_home_of_its_own()
    {
        await Seeder("conformance@example.com", "test-password-1").SeedAsync(CancellationToken.None);

        var account = await _directory.FindAccountByEmailAsync("conformance@example.com", CancellationToken.None);
        Assert.NotNull(account);
        Assert.True(SecretHasher.VerifyPassword("test-password-1", account.PasswordHash));
        var devices = await _directory.ListAccountDevicesAsync(account.AccountId, CancellationToken.None);
        Assert.Equal(["test-lamp", "test-plug"], devices.Select(d => d.DeviceId).Order());
        Assert.All(devices, d => Assert.Equal(ConformanceOptions.HomeId, d.HomeId));
        Assert.Equal(account.AccountId, (await _directory.GetHomeAsync(ConformanceOptions.HomeId, CancellationToken.None))!.AccountId);
    }

    [Fact]
    public async Task A_new_password_parameter_is_taken_and_no_email_means_no_account()
    {
        await Seeder("conformance@example.com", "test-password-1").SeedAsync(CancellationToken.None);
        await Seeder("conformance@example.com", "test-password-2").SeedAsync(CancellationToken.None);
        await Seeder("", "").SeedAsync(CancellationToken.None);

        var account = await _directory.FindAccountByEmailAsync("conformance@example.com", CancellationToken.None);
        Assert.True(SecretHasher.VerifyPassword("test-password-2", account!.PasswordHash));
    }

    [Fact]
    public async Task A_command_to_a_virtual_device_is_applied_by_the_vendor_and_every_other_home_goes_down_its_uplink()
    {
        var shadows = new InMemoryShadowStore();
        var homes = new FakeHomeUplinks { Connectivity = DeviceConnectivity.BridgeDown };
        var uplinks = new VirtualHomeUplinks(homes, shadows, _time);

        var on = await uplinks.SendCommandAsync(ConformanceOptions.HomeId, "test-lamp", new LightState("ON", null), CancellationToken.None);
        var dimmed = await uplinks.SendCommandAsync(ConformanceOptions.HomeId, "test-lamp", new LightState(null, 30), CancellationToken.None);
        await uplinks.SendCommandAsync("home-1", "plug-1", new LightState("OFF", null), CancellationToken.None);

        Assert.Equal(new CommandOutcome(CommandStatus.Ok, new LightState("ON", 100), null), on);
        Assert.Equal(new CommandOutcome(CommandStatus.Ok, new LightState("ON", 30), null), dimmed);
        var shadow = await shadows.GetAsync(ConformanceOptions.HomeId, "test-lamp", CancellationToken.None);
        Assert.Equal(("ON", 30, true), (shadow!.PowerState, shadow.Brightness, shadow.Online));
        var sent = Assert.Single(homes.Sent);
        Assert.Equal(("home-1", "plug-1"), (sent.HomeId, sent.DeviceId));
        Assert.Equal(DeviceConnectivity.Online, uplinks.GetConnectivity(ConformanceOptions.HomeId, "test-lamp"));
        Assert.Equal(DeviceConnectivity.BridgeDown, uplinks.GetConnectivity("home-1", "plug-1"));
    }
}
