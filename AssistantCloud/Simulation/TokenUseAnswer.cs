using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Simulation;

/// <summary>
/// One person's use up to the token: <paramref name="Outcome"/> is what a command would answer if the home did its part
/// (<c>Success</c> when the token is ready, else <c>NotLinked</c>, <c>LinkExpired</c> or <c>ServiceUnavailable</c>);
/// <paramref name="Token"/> is the access-token provider's status.
/// </summary>
public sealed record TokenUseAnswer(string User, UtteranceOutcome Outcome, AccessTokenStatus Token);

/// <summary>The answer of <c>POST /sim/token-uses</c>, in the order of the request's users.</summary>
public sealed record TokenUseBatch(IReadOnlyList<TokenUseAnswer> Results);
