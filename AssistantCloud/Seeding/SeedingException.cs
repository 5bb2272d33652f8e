namespace SmartHome.AssistantCloud.Seeding;

/// <summary>The vendor answered the seeding's browser, but not as a working sign-in does.</summary>
public sealed class SeedingException(string message) : Exception(message);
