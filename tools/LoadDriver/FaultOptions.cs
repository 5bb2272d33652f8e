namespace SmartHome.LoadDriver;

/// <summary>
/// A fault injected during a run: <see cref="Share"/> of the homes lose <see cref="Kind"/> (today only
/// "broadband", the gateway's <c>POST /sim/broadband/down</c> and <c>/up</c>) from <see cref="After"/>
/// into the measured part of the run, for <see cref="For"/>.
/// </summary>
public sealed record FaultOptions(string Kind, double Share, TimeSpan After, TimeSpan For)
{
    public static readonly string[] Kinds = ["broadband"];

    /// <summary>Whether a request meant to start at <paramref name="offset"/> into the run falls in the fault's window.</summary>
    public bool IsActiveAt(TimeSpan offset) => offset >= After && offset < After + For;

    /// <summary>
    /// The homes that lose the fault: ceil(share x homes), at least one, spread evenly over the list so that
    /// a fleet's first home (the story's) is only hit when every home is.
    /// </summary>
    public IReadOnlyList<string> SelectHomes(IReadOnlyList<string> homes)
    {
        if (homes.Count == 0)
        {
            return [];
        }

        var count = Math.Clamp((int)Math.Ceiling(Share * homes.Count - 1e-9), 1, homes.Count);
        var selected = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // From the end backwards, evenly spaced.
            var index = homes.Count - 1 - (int)((long)i * homes.Count / count);
            selected.Add(homes[index]);
        }

        return selected;
    }
}
