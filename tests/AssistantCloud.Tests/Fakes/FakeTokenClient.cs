using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>
/// A token and revocation endpoint that answers what the test says. Refreshes wait on <see cref="RefreshGate"/>
/// so that a test can hold them open while more callers arrive.
/// </summary>
internal sealed class FakeTokenClient : ITokenClient
{
    private int _refreshCalls;
    private int _exchangeCalls;

    public TaskCompletionSource RefreshGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<string, TokenResult> OnRefresh { get; set; } = _ => TokenResult.Success("access-2", "refresh-2", 3600);

    public Func<string, string, TokenResult> OnExchange { get; set; } = (_, _) => TokenResult.Success("access-1", "refresh-1", 3600);

    public int RefreshCalls => Volatile.Read(ref _refreshCalls);

    public int ExchangeCalls => Volatile.Read(ref _exchangeCalls);

    public List<string> RefreshTokensSeen { get; } = [];

    public (string Code, string Verifier)? LastExchange { get; private set; }

    public Func<string, RevocationResult> OnRevoke { get; set; } = _ => RevocationResult.Revoked;

    public List<(string Token, string Hint)> Revocations { get; } = [];

    public Task<RevocationResult> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        Revocations.Add((token, tokenTypeHint));
        return Task.FromResult(OnRevoke(token));
    }

    public async Task<TokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshCalls);
        lock (RefreshTokensSeen)
        {
            RefreshTokensSeen.Add(refreshToken);
        }

        await RefreshGate.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return OnRefresh(refreshToken);
    }

    public Task<TokenResult> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _exchangeCalls);
        LastExchange = (code, codeVerifier);
        return Task.FromResult(OnExchange(code, codeVerifier));
    }
}
