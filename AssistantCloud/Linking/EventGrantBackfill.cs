using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// One pass over every linked person and skill: AcceptGrant for each link whose skill holds no event grant that can
/// work. Links made before the return path existed never had one, and a link whose AcceptGrant went unanswered (the
/// vendor was down at link time) has a failed one; the seeding keeps such links as they are, so without this pass
/// the maker could never report for them (a button press would never reach the assistant).
/// A revoked or disabled grant is left alone: that is a person's (or the dashboard's) decision, mended by linking again.
/// </summary>
internal sealed partial class EventGrantBackfill(
    IAssistantStore store,
    EventGrantStore grants,
    AccessTokenProvider accessTokens,
    AcceptGrantSender acceptGrant,
    TimeProvider time,
    ILogger<EventGrantBackfill> logger)
{
    /// <summary>
    /// A link younger than this may still be sending its own AcceptGrant (LinkService does right after it saves the
    /// link): a second one would replace its grant and fail it. Such a link waits for the next pass.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    /// <summary>Links granted at once: AcceptGrant makes the vendor call the token service back.</summary>
    public const int Parallelism = 4;

    /// <summary>Sends the missing grants; the result counts those granted now and those still to be granted (retry).</summary>
    public async Task<BackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        var (granted, pending) = (0, 0);
        foreach (var skill in Skills.All)
        {
            var users = await store.GetUsersWithLinkAsync(skill, LinkState.Linked, cancellationToken);
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (user, token) =>
                {
                    switch (await GrantIfMissingAsync(user, skill, token))
                    {
                        case GrantStep.Granted:
                            Interlocked.Increment(ref granted);
                            break;
                        case GrantStep.Pending:
                            Interlocked.Increment(ref pending);
                            break;
                    }
                });
        }

        if (granted + pending > 0)
        {
            LogPass(granted, pending);
        }

        return new BackfillResult(granted, pending);
    }

    private async Task<GrantStep> GrantIfMissingAsync(string user, string skill, CancellationToken cancellationToken)
    {
        var link = await store.GetLinkAsync(user, skill, cancellationToken);
        if (link is not { State: LinkState.Linked })
        {
            return GrantStep.Nothing;
        }

        var now = time.GetUtcNow();
        var grant = await grants.GetGrantAsync(user, skill);
        if (!Missing(grant, now))
        {
            return GrantStep.Nothing;
        }

        if (link.LinkedAt is { } linkedAt && now - linkedAt < SettleTime)
        {
            return GrantStep.Pending;
        }

        var token = await accessTokens.GetAccessTokenAsync(user, skill, cancellationToken);
        if (token.Status != AccessTokenStatus.Valid)
        {
            // Expired or unlinked meanwhile: nothing to grant. The vendor's token endpoint down: later.
            return token.Status == AccessTokenStatus.Unavailable ? GrantStep.Pending : GrantStep.Nothing;
        }

        LogSending(user, skill, grant?.State ?? "none");
        return await acceptGrant.SendAsync(user, skill, token.AccessToken!, cancellationToken) == AcceptGrantOutcome.Accepted
            ? GrantStep.Granted
            : GrantStep.Pending;
    }

    /// <summary>
    /// No grant, one that failed because the skill could not be reached, or a code that lapsed without being exchanged.
    /// A skill that answered (ACCEPT_GRANT_FAILED, or an error because it does not take AcceptGrant at all) is not asked
    /// again every pass: each attempt would be a failed span and a warning for a skill that has already said no.
    /// </summary>
    internal static bool Missing(EventGrant? grant, DateTimeOffset now) => grant switch
    {
        null => true,
        { State: EventGrantStates.Failed, Reason: var reason } => reason is null || reason.StartsWith(AcceptGrantSender.NoAnswerReason, StringComparison.Ordinal),
        { State: EventGrantStates.Issued } => now - grant.UpdatedAt > EventGatewayOptions.GrantCodeLifetime,
        _ => false,
    };

    private enum GrantStep
    {
        Nothing,
        Granted,
        Pending,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending AcceptGrant to the link of {User} on {Skill}, which has no working event grant ({GrantState})")]
    private partial void LogSending(string user, string skill, string grantState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event grant backfill: {Granted} links granted, {Pending} still to grant")]
    private partial void LogPass(int granted, int pending);
}

/// <summary>What a backfill pass did: links granted now, links still without a working grant (to retry).</summary>
internal sealed record BackfillResult(int Granted, int Pending);
