namespace SmartHome.AssistantCloud.Conformance;

/// <summary>One line of the skill conformance check: what was checked, whether the skill passed, and the evidence (never a secret).</summary>
public sealed record ConformanceItem(string Id, string Title, bool Passed, string Evidence);
