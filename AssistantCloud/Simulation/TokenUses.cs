using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Simulation;

/// <summary>
/// A person's use of the skill as far as the token (the link-policy study, docs/policy-study.md): what a command does
/// before its directive leaves, and nothing less. The link is read; a link that is not there or expired answers as a
/// command would; otherwise the real <see cref="AccessTokenProvider"/> hands out the access token, refreshing at the
/// vendor when it is due, and expires the link (with its notice to the person) when the vendor answers invalid_grant.
/// Only the directive to the home is left out: a study uses it for the days whose outcome cannot depend on the home.
/// </summary>
internal sealed partial class TokenUses(IAssistantStore store, AccessTokenProvider tokens, ILogger<TokenUses> logger)
{
    public const int DefaultParallelism = 16;
    public const int MaxParallelism = 64;
    public const int MaxUsers = 2000;

    private const string Skill = Skills.VendorSkillId;

    public async Task<TokenUseBatch> UseAsync(IReadOnlyList<string> users, int parallelism, CancellationToken cancellationToken)
    {
        var results = new TokenUseAnswer[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, ct) => results[index] = await UseOrUnavailableAsync(users[index], ct));
        return new TokenUseBatch(results);
    }

    /// <summary>As a command answers when the assistant's own store fails: "not responding", not a failed batch.</summary>
    private async Task<TokenUseAnswer> UseOrUnavailableAsync(string user, CancellationToken cancellationToken)
    {
        try
        {
            return await UseAsync(user, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            LogStoreUnavailable(user, ex.Message);
            return new(user, UtteranceOutcome.ServiceUnavailable, AccessTokenStatus.Unavailable);
        }
    }

    /// <summary>The utterance's path up to the directive (<c>UtteranceHandler</c>): link read, then the token.</summary>
    public async Task<TokenUseAnswer> UseAsync(string user, CancellationToken cancellationToken)
    {
        var link = await store.GetLinkAsync(user, Skill, cancellationToken);
        if (link is null or { State: LinkState.Unlinked })
        {
            return new(user, UtteranceOutcome.NotLinked, AccessTokenStatus.NotLinked);
        }

        if (link.State == LinkState.Expired)
        {
            return new(user, UtteranceOutcome.LinkExpired, AccessTokenStatus.Expired);
        }

        var token = await tokens.GetAccessTokenAsync(link, cancellationToken);
        return new(user, token.Status switch
        {
            AccessTokenStatus.Valid => UtteranceOutcome.Success,
            AccessTokenStatus.NotLinked => UtteranceOutcome.NotLinked,
            AccessTokenStatus.Expired => UtteranceOutcome.LinkExpired,
            _ => UtteranceOutcome.ServiceUnavailable,
        }, token.Status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token use of {User} failed in the assistant's store: {Reason}")]
    private partial void LogStoreUnavailable(string user, string reason);
}
