namespace SmartHome.Testing.Chaos;

/// <summary>The monkey's catalogue of faults: each one of the world's real switches.</summary>
public enum ChaosFaultKind
{
    WifiOff,
    Unplug,
    BandOff,
    BroadbandDown,
    VendorOutage,
    VendorLatency,
    AssistantOutage,
    RedisRestart,
    GatewayRestart,
    ExpireTokens,
    RevokeLinks,
    ClockJump,
}
