namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// Who may call the person's API (<c>/api/utterances</c>, <c>/api/users/{user}/...</c>, <c>/api/diagnose</c>):
/// <c>PersonApi:AllowWithoutSession</c> is the development switch (AppHost parameter <c>person-api-without-session</c>).
/// Off, every call needs the person's session; on, a call without a session may still name its person (the README's
/// curl lines, the tests). A call with a session is always bound to its person.
/// </summary>
public sealed class PersonApiOptions
{
    public const string SectionName = "PersonApi";

    public bool AllowWithoutSession { get; set; }
}
