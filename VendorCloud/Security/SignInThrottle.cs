using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace SmartHome.VendorCloud.Security;

/// <summary>
/// Counts wrong passwords (sign-in form, password change) per account and client address and per client
/// address, in fixed windows on the service's clock. A throttled pair waits until its window ends, even with
/// the right password (no oracle). A right password clears its account-and-address count. Successful sign-ins
/// are never counted, so the owner and the assistant's seeding are not slowed by their own use.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time, IOptions<ThrottlingOptions> options)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    private sealed record Window(DateTimeOffset Start, int Failures);

    /// <summary>How long the caller must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string email, IPAddress? address)
    {
        var limits = options.Value;
        var now = time.GetUtcNow();
        var waits = new[]
        {
            Wait(AccountKey(email, address), limits.FailuresPerAccountAndAddress, now),
            Wait(AddressKey(address), limits.FailuresPerAddress, now),
        };
        return waits.Max();
    }

    public void RecordFailure(string email, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var window = options.Value.FailureWindow;
        foreach (var key in new[] { AccountKey(email, address), AddressKey(address) })
        {
            _windows.AddOrUpdate(key, _ => new Window(now, 1),
                (_, current) => now - current.Start >= window ? new Window(now, 1) : current with { Failures = current.Failures + 1 });
        }

        if (_windows.Count > PruneAbove)
        {
            Prune(now, window);
        }
    }

    public void RecordSuccess(string email, IPAddress? address) => _windows.TryRemove(AccountKey(email, address), out _);

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var current) || current.Failures < limit)
        {
            return null;
        }

        var remaining = current.Start + options.Value.FailureWindow - now;
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, value) in _windows)
        {
            if (now - value.Start >= window)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private static string AccountKey(string email, IPAddress? address) => $"account:{email.Trim().ToLowerInvariant()}|{address}";

    private static string AddressKey(IPAddress? address) => $"address:{address}";
}
