namespace SmartHome.AssistantCloud.Utterances;

/// <summary>`POST /api/utterances` body: who spoke and what they said.</summary>
public sealed record UtteranceRequest(string? User, string? Text);
