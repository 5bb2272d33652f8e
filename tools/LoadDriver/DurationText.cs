using System.Globalization;

namespace SmartHome.LoadDriver;

/// <summary>Durations as written on the command line: "500ms", "10s", "2m", or plain seconds.</summary>
public static class DurationText
{
    public static TimeSpan Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        (string Number, double Scale) split = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1),
            _ when value.EndsWith('m') => (value[..^1], 60),
            _ => (value, 1),
        };
        if (!double.TryParse(split.Number, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            throw new OptionException($"'{text}' is not a duration (e.g. 500ms, 10s, 2m).");
        }

        return TimeSpan.FromSeconds(number * split.Scale);
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
