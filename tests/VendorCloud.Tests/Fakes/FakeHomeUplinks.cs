using System.Collections.Concurrent;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>Records commands and answers them as configured, like a gateway would.</summary>
internal sealed class FakeHomeUplinks : IHomeUplinks
{
    public ConcurrentQueue<(string HomeId, string DeviceId, LightState Command)> Sent { get; } = new();

    public DeviceConnectivity Connectivity { get; set; } = DeviceConnectivity.Online;

    /// <summary>Answers a command; by default the device applies it on top of a 50 % ON state.</summary>
    public Func<LightState, CommandOutcome> Answer { get; set; } = command => new CommandOutcome(CommandStatus.Ok,
        new LightState(command.State ?? (command.Brightness is 0 ? "OFF" : "ON"), command.Brightness ?? 50), null);

    /// <summary>When set, every answer waits for this task first (a plug slow to apply).</summary>
    public Task? AnswersAfter { get; set; }

    public async Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken)
    {
        Sent.Enqueue((homeId, deviceId, command));
        if (AnswersAfter is { } slow)
        {
            await slow.WaitAsync(cancellationToken);
        }

        return Answer(command);
    }

    public DeviceConnectivity GetConnectivity(string homeId, string deviceId) => Connectivity;
}
