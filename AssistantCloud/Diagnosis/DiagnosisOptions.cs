namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>`Diagnosis:*`: where the home gateway answers on the home network (its `http` endpoint).</summary>
public sealed class DiagnosisOptions
{
    public const string SectionName = "Diagnosis";

    public string? GatewayUrl { get; set; }
}
