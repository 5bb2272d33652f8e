namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// The person's app (<c>PersonApp:*</c>): the people's passwords and the addresses it links to. A person named in
/// <see cref="Passwords"/> has that password (the AppHost's secret parameter <c>&lt;person&gt;-app-password</c>); any
/// other person's (a fleet's <c>user-n</c>) is derived from <see cref="PasswordSeed"/> (<see cref="PersonPasswords"/>).
/// </summary>
public sealed class PersonAppOptions
{
    public const string SectionName = "PersonApp";

    public Dictionary<string, string> Passwords { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The story person's password (<c>owner-app-password</c>), the key every other person's derives from.</summary>
    public string? PasswordSeed { get; set; }

    /// <summary>The app's own address (its resource endpoint), where the link callback sends a signed-in person back.</summary>
    public Uri? Url { get; set; }

    /// <summary>The Aspire dashboard, for links to a command's trace; none when it is not known.</summary>
    public Uri? DashboardUrl { get; set; }
}
