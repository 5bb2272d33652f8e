namespace SmartHome.LoadDriver;

/// <summary>A person who speaks to the assistant, the home their lamp is in, and the lamp's name.</summary>
public sealed record Person(string User, string HomeId, string Device);
