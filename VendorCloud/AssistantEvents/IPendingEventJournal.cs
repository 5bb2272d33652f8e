namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// The queued reports kept beside the in-memory <see cref="PendingEventQueue"/>, so that a restart of the vendor loses
/// none the plug's change was acknowledged for: what waits is loaded back at start.
/// </summary>
internal interface IPendingEventJournal
{
    /// <summary>Keeps the event under its key (replacing an older one with the same key); events it cannot keep are ignored.</summary>
    Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes every event of the account (its grant is lost).</summary>
    Task RemoveAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every kept event, oldest first.</summary>
    Task<IReadOnlyList<PendingEvent>> LoadAsync(CancellationToken cancellationToken);
}
