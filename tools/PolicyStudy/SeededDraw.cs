namespace SmartHome.PolicyStudy;

/// <summary>
/// Stateless seeded randomness: a draw is a hash of (seed, household, day, purpose), so every policy's run sees the very
/// same households doing the very same things on the same days, whatever happened before in that run.
/// </summary>
public static class SeededDraw
{
    /// <summary>A number in [0, 1).</summary>
    public static double Unit(int seed, int household, int day, int purpose)
    {
        // Each part mixed in with its own round, so that neighbouring households, days and purposes draw independently.
        var x = Mix(0x9E3779B97F4A7C15UL ^ (uint)seed);
        x = Mix(x ^ (uint)household);
        x = Mix(x ^ (uint)day);
        x = Mix(x ^ (uint)purpose);
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A whole number in [min, max].</summary>
    public static int Between(int seed, int household, int day, int purpose, int min, int max) =>
        min + (int)(Unit(seed, household, day, purpose) * (max - min + 1));

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
