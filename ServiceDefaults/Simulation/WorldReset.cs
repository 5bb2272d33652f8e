namespace SmartHome.ServiceDefaults;

/// <summary>The words of a reset's outcome per service, and how recent a heartbeat makes a service live.</summary>
public static class WorldReset
{
    public const string Done = "done";

    public const string NotAnswered = "not answered";

    /// <summary>A service whose heartbeat (every second) is at most this old takes part in the world's changes.</summary>
    public static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(5);

    public static string Failed(string problem) => $"failed: {problem}";
}
