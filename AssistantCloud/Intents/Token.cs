namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// One word of an utterance, lower case; <see cref="Number"/> is set when the word (or words, as in
/// "twenty five") is a number.
/// </summary>
internal readonly record struct Token(string Word, int? Number = null)
{
    public bool IsNumber => Number is not null;
}
