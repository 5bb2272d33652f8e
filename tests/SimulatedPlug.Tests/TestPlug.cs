using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>A plug wired as in Program.cs, minus the broker and Redis (its memory is never started).</summary>
internal sealed class TestPlug : IDisposable
{
    public static readonly PlugIdentity Identity = new(
        "home-1", "plug-1", "bedroom lamp", DeviceKind.DimmablePlug, MinimumLevel: 10, MqttName: "plug-1", MqttPassword: null);

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public TestPlug(PlugIdentity? identity = null)
    {
        identity ??= Identity;
        Topics = PlugTopics.For(identity);
        Memory = new PlugMemory(new RedisConnection(_services), identity, new FakeTimeProvider(), NullLogger<PlugMemory>.Instance);
        Device = new PlugDevice(identity, Memory);
        Sender = new MessageSender(Publisher, NullLogger<MessageSender>.Instance);
        StatePublisher = new StatePublisher(Device, Sender, Topics);
        Processor = new CommandProcessor(Device, StatePublisher, Sender, identity, NullLogger<CommandProcessor>.Instance);
    }

    public PlugTopics Topics { get; }

    public RecordingPublisher Publisher { get; } = new();

    public PlugMemory Memory { get; }

    public PlugDevice Device { get; }

    public MessageSender Sender { get; }

    public StatePublisher StatePublisher { get; }

    public CommandProcessor Processor { get; }

    public void Dispose()
    {
        StatePublisher.Dispose();
        _services.Dispose();
    }
}
