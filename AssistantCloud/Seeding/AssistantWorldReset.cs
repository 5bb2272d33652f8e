using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// The assistant's part of "Reset the world", once the vendor has re-seeded: the outage switch off,
/// every <c>assistant:</c> key wiped (users, links, endpoints, notices, failed commands) with the refresh
/// back-offs, then the seeding again: the user, a link made through the real OAuth flow
/// (a fresh sign-in at the vendor) and Discovery.
/// </summary>
internal sealed partial class AssistantWorldReset(
    WorldStore world,
    SharedAssistantFaults faults,
    AccessTokenProvider tokens,
    AssistantWorldSeeder seeder,
    ILogger<AssistantWorldReset> logger) : IWorldResetPart
{
    public const string VendorService = "vendorcloud";

    public IReadOnlyList<string> After => [VendorService];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await faults.SetOutageAsync(false, cancellationToken);
        await faults.SetEventGatewayDownAsync(false, cancellationToken);
        await tokens.ForgetRefreshBackoffsAsync(cancellationToken);
        // The cookies' key ring stays: a reset does not sign the person out (with one process it was on disk).
        var deleted = await world.DeleteKeysAsync("assistant:", key => key == SharedDataProtection.KeysKey, cancellationToken);
        await seeder.ReseedAsync(cancellationToken);
        LogReset(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assistant reset: {Deleted} keys wiped, linked and discovered again")]
    private static partial void LogReset(ILogger logger, int deleted);
}
