using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Simulation;

namespace SmartHome.VendorCloud.Tests;

/// <summary>A device removed from the account (or added back) in the maker's app becomes a DeleteReport (or an AddOrUpdateReport).</summary>
public sealed class AccountDevicesTests
{
    private readonly TestWorld _world = new();
    private readonly AccountDevices _devices;

    public AccountDevicesTests()
    {
        _world.EnableAssistantEvents();
        _world.AssistantGrants.Grant(TestWorld.OwnerAccountId,
            new AssistantTokens("Atza|a", "Atzr|r", _world.Time.GetUtcNow().AddHours(1)), _world.Time.GetUtcNow());
        _devices = new AccountDevices(_world.Directory, new WorldSource(World.Default), _world.Reporter, NullLogger<AccountDevices>.Instance);
    }

    [Fact]
    public async Task A_device_removed_from_the_account_leaves_the_directory_and_becomes_a_DeleteReport()
    {
        var removed = await _devices.RemoveAsync(TestWorld.OwnerEmail, TestWorld.DeviceId, null, CancellationToken.None);

        Assert.Equal((TestWorld.OwnerAccountId, TestWorld.HomeId, TestWorld.DeviceId), (removed.AccountId, removed.HomeId, removed.DeviceId));
        Assert.Null(await _world.Directory.FindAccountDeviceAsync(TestWorld.OwnerAccountId, TestWorld.DeviceId, CancellationToken.None));
        var report = await NextEventAsync();
        Assert.Equal(("Alexa.Discovery", "DeleteReport"), ((string?)report["event"]!["header"]!["namespace"], (string?)report["event"]!["header"]!["name"]));
        Assert.Equal([TestWorld.DeviceId], report["event"]!["payload"]!["endpoints"]!.AsArray().Select(e => (string?)e!["endpointId"]));
        Assert.Equal("Atza|a", (string?)report["event"]!["payload"]!["scope"]!["token"]);
    }

    [Fact]
    public async Task A_device_added_back_is_the_declared_one_and_becomes_an_AddOrUpdateReport()
    {
        await _devices.RemoveAsync(TestWorld.OwnerEmail, TestWorld.DeviceId, null, CancellationToken.None);
        await NextEventAsync();

        var added = await _devices.AddAsync(TestWorld.OwnerEmail, TestWorld.DeviceId, null, CancellationToken.None);

        Assert.Null(added.Error);
        var device = await _world.Directory.FindAccountDeviceAsync(TestWorld.OwnerAccountId, TestWorld.DeviceId, CancellationToken.None);
        Assert.Equal(World.Default.StoryHome.Devices.Single(d => d.Id == TestWorld.DeviceId).Name, device?.Name);
        var report = await NextEventAsync();
        Assert.Equal("AddOrUpdateReport", (string?)report["event"]!["header"]!["name"]);
        var endpoint = Assert.Single(report["event"]!["payload"]!["endpoints"]!.AsArray())!;
        Assert.Equal((TestWorld.DeviceId, device?.Name), ((string?)endpoint["endpointId"], (string?)endpoint["friendlyName"]));
    }

    [Fact]
    public async Task An_unknown_account_or_device_changes_nothing_and_reports_nothing()
    {
        Assert.Equal(AccountDevices.UnknownAccount, (await _devices.RemoveAsync("nobody@example.com", TestWorld.DeviceId, null, CancellationToken.None)).Error);
        Assert.Equal(AccountDevices.UnknownDevice, (await _devices.RemoveAsync(TestWorld.OwnerEmail, "plug-77", null, CancellationToken.None)).Error);
        // Another account's device is not this account's to remove.
        Assert.Equal(AccountDevices.UnknownDevice, (await _devices.RemoveAsync(TestWorld.OwnerEmail, TestWorld.OtherDeviceId, null, CancellationToken.None)).Error);
        Assert.Equal(AccountDevices.UnknownDevice, (await _devices.AddAsync(TestWorld.OwnerEmail, "plug-77", null, CancellationToken.None)).Error);

        Assert.Equal(0, _world.EventQueue.Count);
        Assert.NotNull(await _world.Directory.GetDeviceAsync("home-9", TestWorld.OtherDeviceId, CancellationToken.None));
    }

    private async Task<JsonNode> NextEventAsync()
    {
        Assert.Equal(1, _world.EventQueue.Count);
        var pending = await _world.EventQueue.PeekAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _world.EventQueue.Complete(pending);
        return DirectiveJson.ToJson(pending.Draft.Build("Atza|a"));
    }
}
