namespace SmartHome.ServiceDefaults;

/// <summary>One replica's last heartbeat (real time) and the world clock version it had applied then.</summary>
public sealed record WorldReplicaBeat(string Service, string Replica, DateTimeOffset LastBeat, long ClockVersion);
