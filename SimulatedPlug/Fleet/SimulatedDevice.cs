using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Fleet;

/// <summary>
/// One simulated device with everything it owns: its switch or dimmer, flash, radio and fault switches, and its
/// own MQTT session (clean start, keep-alive, last will). Nothing here is shared with another device but the
/// process's broker address, Redis connection, backoff and connect throttle.
/// </summary>
internal sealed class SimulatedDevice : IDisposable
{
    private readonly ILogger _logger;

    public SimulatedDevice(
        PlugIdentity identity,
        PlugSettings settings,
        RedisConnection redis,
        ReconnectBackoff backoff,
        ConnectThrottle throttle,
        TimeProvider timeProvider,
        ILoggerFactory loggers)
    {
        Identity = identity;
        _logger = loggers.CreateLogger<SimulatedDevice>();
        Topics = PlugTopics.For(identity);
        Memory = new PlugMemory(redis, identity, timeProvider, loggers.CreateLogger<PlugMemory>());
        Device = new PlugDevice(identity, Memory);
        Radio = new PlugRadio();
        Switches = new PlugSwitches(Radio, Device, loggers.CreateLogger<PlugSwitches>());
        Session = new MqttSession(identity);
        var sender = new MessageSender(Session, loggers.CreateLogger<MessageSender>());
        State = new StatePublisher(Device, sender, Topics);
        var processor = new CommandProcessor(Device, State, sender, identity, loggers.CreateLogger<CommandProcessor>(),
            settings.ApplyDelay, timeProvider, Applied);
        Connection = new PlugConnection(Session, Device, processor, State, sender, settings, identity, Topics, Radio,
            backoff, throttle, timeProvider, loggers.CreateLogger<PlugConnection>());
    }

    public PlugIdentity Identity { get; }

    /// <summary>The directives this device applied, per trace (<c>GET /sim/applied</c>).</summary>
    public AppliedCommands Applied { get; } = new();

    public PlugTopics Topics { get; }

    public PlugMemory Memory { get; }

    public PlugDevice Device { get; }

    public PlugRadio Radio { get; }

    public PlugSwitches Switches { get; }

    public MqttSession Session { get; }

    public StatePublisher State { get; }

    public PlugConnection Connection { get; }

    /// <summary>Runs the device (flash writes and its MQTT session) until <paramref name="stoppingToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Every line the device logs names it: a thousand of them share one log.
        using var scope = BeginScope();
        await Task.WhenAll(Memory.RunAsync(stoppingToken), Connection.RunAsync(stoppingToken));
    }

    /// <summary>Switched off in software: says goodbye on the broker (a plug losing power does not: its will does).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        using var scope = BeginScope();
        await Connection.LeaveAsync(cancellationToken);
    }

    public IDisposable? BeginScope() => _logger.BeginScope(new Dictionary<string, object>
    {
        ["HomeId"] = Identity.HomeId,
        ["DeviceId"] = Identity.DeviceId,
    });

    public void Dispose()
    {
        State.Dispose();
        Session.Dispose();
    }
}
