using System.Globalization;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Intents;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>What the assistant says for each outcome. Pure, so that every sentence is tested.</summary>
public static class Speech
{
    public const string NotUnderstood = "Sorry, I didn't understand that";
    public const string ServiceUnavailable = "The service isn't responding right now.";
    public const string Ok = "OK";

    /// <summary>The assistant's own error type: a deferred directive whose asynchronous Response did not come in time.</summary>
    public const string DeferredTimeout = "DEFERRED_RESPONSE_TIMEOUT";

    public static string UnknownDevice(string spokenName) => $"I couldn't find a device named {spokenName}";

    /// <summary>"Which one did you mean: the bedroom lamp or the desk lamp?"</summary>
    public static string AmbiguousDevice(IEnumerable<string> friendlyNames)
    {
        var names = friendlyNames.Select(TheName).ToList();
        var choices = names.Count < 2 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        return $"Which one did you mean: {choices}?";
    }

    public static string NotLinked(string skill, string assistant) =>
        $"To control your devices, enable {skill} in the {assistant} app and link your accounts.";

    /// <summary>The answer to a successful directive, from the state the vendor confirmed.</summary>
    public static string ForSuccess(IntentKind intent, string friendlyName, DeviceState? state) => intent switch
    {
        IntentKind.QueryPower => state?.PowerState?.ToUpperInvariant() switch
        {
            "ON" when state.Brightness is { } brightness => $"{SentenceName(friendlyName)} is on at {Percent(brightness)}",
            "ON" => $"{SentenceName(friendlyName)} is on",
            "OFF" => $"{SentenceName(friendlyName)} is off",
            _ => $"I don't know whether {TheName(friendlyName)} is on",
        },
        IntentKind.QueryBrightness => state?.Brightness is { } level
            ? $"{SentenceName(friendlyName)}'s brightness is {Percent(level)}"
            : $"I don't know {TheName(friendlyName)}'s brightness",
        _ => Ok,
    };

    /// <summary>The answer to an Alexa ErrorResponse (its type is shown to the person, its message is not).</summary>
    public static string ForError(string? errorType, string friendlyName, ValidRange? validRange) => errorType switch
    {
        "ENDPOINT_UNREACHABLE" => $"{SentenceName(friendlyName)} is not responding.",
        DeferredTimeout => $"{SentenceName(friendlyName)} is taking too long to respond.",
        "BRIDGE_UNREACHABLE" => $"The hub for {TheName(friendlyName)} is not responding.",
        "VALUE_OUT_OF_RANGE" =>
            $"{SentenceName(friendlyName)} can only be set between {Number(validRange?.Minimum ?? 0)} and {Number(validRange?.Maximum ?? 100)} percent.",
        "NO_SUCH_ENDPOINT" => $"{SentenceName(friendlyName)} isn't available any more. Try discovering your devices again.",
        "INVALID_VALUE" => $"{SentenceName(friendlyName)} can't be set to that.",
        "INVALID_DIRECTIVE" => $"{SentenceName(friendlyName)} can't do that.",
        _ => $"Sorry, {TheName(friendlyName)} had a problem.",
    };

    /// <summary>"I found 3 devices." after "discover devices".</summary>
    public static string Discovered(int count) => count == 1 ? "I found 1 device." : $"I found {count.ToString(CultureInfo.InvariantCulture)} devices.";

    /// <summary>
    /// One reply for a command to several devices: "OK" when all obeyed; else what went wrong, device by
    /// device ("OK, but the reading lamp is not responding.").
    /// </summary>
    public static string ForGroup(IReadOnlyList<(bool Succeeded, string Speech)> answers)
    {
        var failures = answers.Where(a => !a.Succeeded).Select(a => a.Speech).ToList();
        if (failures.Count == 0)
        {
            return Ok;
        }

        var told = string.Join(" ", failures);
        return failures.Count == answers.Count ? told : $"OK, but {char.ToLowerInvariant(told[0])}{told[1..]}";
    }

    /// <summary>"the bedroom lamp" (a name that already starts with "the" keeps it).</summary>
    private static string TheName(string friendlyName) =>
        friendlyName.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? friendlyName : "the " + friendlyName;

    /// <summary>"The bedroom lamp": the same at the start of a sentence.</summary>
    private static string SentenceName(string friendlyName)
    {
        var name = TheName(friendlyName);
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string Percent(int value) => $"{value.ToString(CultureInfo.InvariantCulture)} percent";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
