namespace SmartHome.AssistantCloud.Intents;

/// <summary>What a template's slots held: the device phrase as said, and the number if it had one.</summary>
internal sealed record TemplateMatch(string Device, int? Number);
