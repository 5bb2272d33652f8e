using System.Collections.Concurrent;
using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The assistant's token service as the test says: each grant answered by a function, every call recorded.</summary>
internal sealed class FakeAssistantTokenClient : IAssistantTokenClient
{
    public ConcurrentQueue<(string Grant, string Value)> Calls { get; } = new();

    public Func<string, Task<AssistantTokenResult>> Exchange { get; set; } =
        _ => Task.FromResult(AssistantTokenResult.Refused("invalid_grant"));

    public Func<string, Task<AssistantTokenResult>> Refresh { get; set; } =
        _ => Task.FromResult(AssistantTokenResult.Refused("invalid_grant"));

    public int Refreshes => Calls.Count(call => call.Grant == "refresh_token");

    public Task<AssistantTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("authorization_code", code));
        return Exchange(code);
    }

    public Task<AssistantTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("refresh_token", refreshToken));
        return Refresh(refreshToken);
    }
}
