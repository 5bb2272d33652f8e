namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>A hop's status in the diagnosis: seen working, seen failing, or not visible from anywhere.</summary>
public static class HopStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
