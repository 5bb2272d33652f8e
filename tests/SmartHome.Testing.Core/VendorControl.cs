namespace SmartHome.Testing;

/// <summary>The vendor cloud's switches (<c>/sim/outage</c>, <c>/sim/latency</c>, <c>/sim/oauth/...</c> on <c>vendorcloud</c>).</summary>
public sealed class VendorControl
{
    private readonly SmartHomeWorld _world;

    internal VendorControl(SmartHomeWorld world, string email)
    {
        _world = world;
        Email = email;
    }

    /// <summary>The account the token faults act on.</summary>
    public string Email { get; }

    /// <summary>The vendor cloud goes down: 503 on the skill endpoint, the OAuth endpoints and the homes' uplinks. Undo: outage off.</summary>
    public async Task<ActiveFault> OutageAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("vendorcloud", "/sim/outage/on", null, cancellationToken);
        return new ActiveFault("vendor-outage", token => _world.PostAsync("vendorcloud", "/sim/outage/off", null, token));
    }

    /// <summary>Every vendor answer is delayed by <paramref name="latency"/> (past the assistant's 8 s budget it gives up). Undo: no latency.</summary>
    public async Task<ActiveFault> LatencyAsync(TimeSpan latency, CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("vendorcloud", "/sim/latency", new { milliseconds = (int)latency.TotalMilliseconds }, cancellationToken);
        return new ActiveFault($"vendor-latency {latency.TotalMilliseconds:0} ms",
            token => _world.PostAsync("vendorcloud", "/sim/latency", new { milliseconds = 0 }, token));
    }

    /// <summary>
    /// The account's access tokens expire now: the assistant must refresh, unseen by the person. Nothing to undo (the
    /// handle is already undone).
    /// </summary>
    public async Task<ActiveFault> ExpireAccessTokensAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("vendorcloud", $"/sim/oauth/expire-access-tokens?email={Uri.EscapeDataString(Email)}", null, cancellationToken);
        var fault = new ActiveFault($"expire-access-tokens {Email}", _ => Task.CompletedTask);
        await fault.UndoAsync(cancellationToken);
        return fault;
    }

    /// <summary>Every grant of the account is revoked: the person's link ends. Undo: the owner links again (the owner's account only).</summary>
    public async Task<ActiveFault> RevokeLinksAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("vendorcloud", $"/sim/oauth/revoke-grants?email={Uri.EscapeDataString(Email)}", null, cancellationToken);
        return new ActiveFault($"revoke-links {Email}", token =>
            Email == _world.Options.OwnerEmail ? _world.RelinkAsync(token) : Task.CompletedTask);
    }
}
