namespace SmartHome.SimulatedPlug.Memory;

internal static partial class MemoryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Flash recalled: power {Power}, level {Level}")]
    public static partial void Recalled(ILogger logger, string power, int level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flash holds no state for {DeviceId}: starting from factory defaults")]
    public static partial void NothingRemembered(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flash (Redis) unreadable, starting from factory defaults: {Reason}")]
    public static partial void RecallFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flash (Redis) write failed, going on in memory and retrying: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string reason);
}
