namespace SmartHome.ServiceDefaults;

/// <summary>
/// What one attempt to start a long-lived session gave: a running session, or why it did not start.
/// </summary>
public sealed record SessionAttempt
{
    private SessionAttempt(Task<string?>? running, string? failure) => (Running, Failure) = (running, failure);

    /// <summary>
    /// Completes when the session ends, with why (a fault), or with null when it was ended on purpose (its gate
    /// closed, which whoever closed it logs). It must also end when the loop's token is cancelled.
    /// </summary>
    public Task<string?>? Running { get; }

    /// <summary>Why the session did not start (a refused CONNACK, an HTTP status): the loop logs it.</summary>
    public string? Failure { get; }

    public static SessionAttempt Started(Task<string?> running) => new(running, null);

    public static SessionAttempt Failed(string reason) => new(null, reason);
}
