using System.Globalization;
using System.Threading.Channels;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Dimming;
using StackExchange.Redis;

namespace SmartHome.SimulatedPlug.Memory;

/// <summary>
/// The plug's flash, kept in the Redis hash <c>plug:{mqttName}:memory</c> (fields <c>power</c>,
/// <c>level</c>): one per home and device, since the MQTT name is (<c>plug:plug-1:memory</c> in the
/// default world). Optional for the plug's function: reads are bounded and writes happen in the
/// background (<see cref="RunAsync"/>), so an unreachable Redis is logged and the plug goes on in memory.
/// </summary>
internal sealed class PlugMemory(
    RedisConnection connection, PlugIdentity identity, TimeProvider timeProvider, ILogger<PlugMemory> logger)
{
    public const string PowerField = "power";
    public const string LevelField = "level";

    private static readonly TimeSpan RecallTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    // Only the newest state is worth writing: older ones waiting behind a slow Redis are dropped.
    private readonly Channel<Dimmer> _unsaved = Channel.CreateBounded<Dimmer>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public static RedisKey KeyFor(string deviceId) => $"plug:{deviceId}:memory";

    public void Remember(Dimmer dimmer) => _unsaved.Writer.TryWrite(dimmer);

    /// <summary>Empties the flash (a reset of the world): states waiting to be written are dropped first.</summary>
    public async Task ForgetAsync(CancellationToken cancellationToken)
    {
        while (_unsaved.Reader.TryRead(out _))
        {
        }

        var redis = await connection.ConnectAsync(cancellationToken).WaitAsync(RecallTimeout, timeProvider, cancellationToken);
        await redis.GetDatabase().KeyDeleteAsync(KeyFor(identity.MqttName)).WaitAsync(RecallTimeout, timeProvider, cancellationToken);
    }

    public async Task<RememberedState?> RecallAsync(CancellationToken cancellationToken)
    {
        try
        {
            var redis = await connection.ConnectAsync(cancellationToken).WaitAsync(RecallTimeout, timeProvider, cancellationToken);
            var fields = await redis.GetDatabase().HashGetAllAsync(KeyFor(identity.MqttName))
                .WaitAsync(RecallTimeout, timeProvider, cancellationToken);
            var remembered = Read(fields);
            if (remembered is null)
            {
                MemoryLog.NothingRemembered(logger, identity.MqttName);
            }
            else
            {
                MemoryLog.Recalled(logger, PowerState.From(remembered.IsOn), remembered.Level);
            }

            return remembered;
        }
        // Whatever goes wrong with flash, the plug works on: from factory defaults.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MemoryLog.RecallFailed(logger, ex.Message);
            return null;
        }
    }

    /// <summary>Reads the hash; null when it is empty or not something this plug wrote.</summary>
    public static RememberedState? Read(HashEntry[] fields)
    {
        var values = fields.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString());
        if (!values.TryGetValue(PowerField, out var power) || power is not (PowerState.On or PowerState.Off)
            || !values.TryGetValue(LevelField, out var levelText)
            || !int.TryParse(levelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
            || level is < Dimmer.LowestLevel or > Dimmer.HighestLevel)
        {
            return null;
        }

        return new RememberedState(power == PowerState.On, level);
    }

    public static HashEntry[] Write(Dimmer dimmer) =>
    [
        new(PowerField, PowerState.From(dimmer.IsOn)),
        new(LevelField, dimmer.Level),
    ];

    /// <summary>Writes changes in the background until <paramref name="stoppingToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WriteChangesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: a state not yet written is lost, as with power pulled mid-write.
        }
    }

    private async Task WriteChangesAsync(CancellationToken stoppingToken)
    {
        Dimmer? failed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Retry a failed write until it succeeds or a newer state replaces it.
            var dimmer = failed is null
                ? await _unsaved.Reader.ReadAsync(stoppingToken)
                : _unsaved.Reader.TryRead(out var newer) ? newer : failed;

            if (await TryWriteAsync(dimmer, stoppingToken))
            {
                failed = null;
            }
            else
            {
                failed = dimmer;
                await Task.Delay(RetryDelay, timeProvider, stoppingToken);
            }
        }
    }

    private async Task<bool> TryWriteAsync(Dimmer dimmer, CancellationToken cancellationToken)
    {
        try
        {
            var redis = await connection.ConnectAsync(cancellationToken);
            await redis.GetDatabase().HashSetAsync(KeyFor(identity.MqttName), Write(dimmer));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MemoryLog.WriteFailed(logger, ex.Message);
            return false;
        }
    }
}
