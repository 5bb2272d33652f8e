using System.Collections.Concurrent;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// Wrong app passwords, per person: at most <see cref="Limit"/> in a minute, then the sign-in page says to wait (the
/// vendor's sign-in form has the same rule). In memory: one assistant process serves the app. Given real time, like the
/// session: the world's clock jumping a year must not lift or extend a wait.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int Limit = 5;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _failures = new(StringComparer.Ordinal);

    /// <summary>How long to wait before trying again, or null when a try is allowed now.</summary>
    public TimeSpan? RetryAfter(string person)
    {
        if (!_failures.TryGetValue(person, out var entry))
        {
            return null;
        }

        var elapsed = Now - entry.Start;
        return entry.Count >= Limit && elapsed < Window ? Window - elapsed : null;
    }

    public void Failed(string person) =>
        _failures.AddOrUpdate(person, _ => (Now, 1), (_, entry) => Now - entry.Start >= Window ? (Now, 1) : (entry.Start, entry.Count + 1));

    public void Succeeded(string person) => _failures.TryRemove(person, out _);

    private DateTimeOffset Now => time.GetUtcNow();
}
