using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>A plug wired as in Program.cs, minus the broker and Redis (its memory is never started).</summary>
internal sealed class TestPlug : IDisposable
{
    public static readonly PlugSettings Settings = new()
    {
        HomeId = "home-1",
        DeviceId = "plug-1",
        DeviceName = "bedroom lamp",
        BrokerUrl = "tcp://localhost:1883",
        KeepAliveSeconds = 2,
        MinimumLevel = 10,
    };

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public TestPlug()
    {
        Memory = new PlugMemory(new RedisConnection(_services), Settings, new FakeTimeProvider(), NullLogger<PlugMemory>.Instance);
        Device = new PlugDevice(Settings, Memory);
        Sender = new MessageSender(Publisher, NullLogger<MessageSender>.Instance);
        StatePublisher = new StatePublisher(Device, Sender, Topics);
        Processor = new CommandProcessor(Device, StatePublisher, Sender, Settings, NullLogger<CommandProcessor>.Instance);
    }

    public PlugTopics Topics { get; } = new("home-1", "plug-1");

    public RecordingPublisher Publisher { get; } = new();

    public PlugMemory Memory { get; }

    public PlugDevice Device { get; }

    public MessageSender Sender { get; }

    public StatePublisher StatePublisher { get; }

    public CommandProcessor Processor { get; }

    public void Dispose()
    {
        StatePublisher.Dispose();
        Memory.Dispose();
        _services.Dispose();
    }
}
