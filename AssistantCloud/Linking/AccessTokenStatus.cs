namespace SmartHome.AssistantCloud.Linking;

public enum AccessTokenStatus
{
    /// <summary>A token good for at least the refresh margin (or the best one left while the vendor is unreachable).</summary>
    Valid,

    /// <summary>The person never linked the skill, or unlinked it.</summary>
    NotLinked,

    /// <summary>The grant is gone (invalid_grant on refresh): the person must link again.</summary>
    Expired,

    /// <summary>The token needs a refresh and the vendor's token endpoint did not give one.</summary>
    Unavailable,
}

/// <summary>The outcome of asking for a link's access token. The token never appears in <see cref="ToString"/>.</summary>
public sealed record AccessTokenResult(AccessTokenStatus Status, string? AccessToken, string? Reason)
{
    public static AccessTokenResult Valid(string accessToken) => new(AccessTokenStatus.Valid, accessToken, null);

    public override string ToString() => $"{Status} {Reason}";
}
