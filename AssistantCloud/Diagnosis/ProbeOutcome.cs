namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>How asking another party for its view went.</summary>
public enum ProbeOutcome
{
    /// <summary>It answered with its view.</summary>
    Answered,

    /// <summary>It answered, and does not know the device (the vendor's 404 unknown_device).</summary>
    NotFound,

    /// <summary>No usable answer: <c>Problem</c> says which ("timeout", "refused", "503", ...).</summary>
    Failed,

    /// <summary>Not asked: <c>Problem</c> says why (no device to ask about, no address configured).</summary>
    NotAsked,
}
