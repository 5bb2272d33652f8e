namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// An account at the device maker. Its password is never in the file: the story's account (the first)
/// has the AppHost's secret parameter <c>owner-password</c>; every other one a password derived from it
/// (<see cref="WorldSecrets.AccountPassword"/>).
/// </summary>
public sealed record WorldAccount(string Email);
