namespace SmartHome.DeviceGateway.Commands;

/// <summary>One command in flight; its correlation data on the wire is the Guid's 16 bytes.</summary>
internal sealed class PendingCommand(Guid correlationId, string deviceId)
{
    private readonly TaskCompletionSource<CommandResult> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid CorrelationId { get; } = correlationId;

    public string DeviceId { get; } = deviceId;

    public byte[] CorrelationData => CorrelationId.ToByteArray();

    public Task<CommandResult> Completion => _completion.Task;

    public bool TryComplete(CommandResult result) => _completion.TrySetResult(result);
}
