namespace SmartHome.AssistantCloud.Linking;

/// <summary>How asking the vendor to revoke a token went (RFC 7009: 200 even for an unknown token).</summary>
public sealed record RevocationResult(bool Succeeded, string? Problem)
{
    public static readonly RevocationResult Revoked = new(true, null);

    public static RevocationResult Failed(string problem) => new(false, problem);
}
