using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Account linking as the OAuth client: authorization code with PKCE (S256). Start creates the
/// state and code_verifier and gives the vendor's authorize URL; Complete checks the state,
/// exchanges the code, stores the tokens and runs Discovery.
/// </summary>
internal sealed partial class LinkService(
    IAssistantStore store,
    ITokenClient tokenClient,
    DiscoveryService discovery,
    TimeProvider timeProvider,
    IOptions<LinkingOptions> options,
    IConfiguration configuration,
    ILogger<LinkService> logger)
{
    /// <summary>How long a started link waits for its callback.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public async Task<Uri> StartLinkAsync(string user, string skill, string? vendorAccountHint, CancellationToken cancellationToken)
    {
        var linking = options.Value;
        var state = CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url);
        var codeVerifier = CryptoRandom.CreateUniqueId(48, CryptoRandom.OutputFormat.Base64Url);

        await store.EnsureUserAsync(user, cancellationToken);
        await store.SavePendingLinkAsync(new PendingLink(state, user, skill, codeVerifier, vendorAccountHint), PendingLifetime, cancellationToken);

        var authorize = new RequestUrl(new Uri(VendorEndpoints.PublicUri(configuration), VendorEndpoints.AuthorizePath).ToString());
        var url = authorize.CreateAuthorizeUrl(
            clientId: linking.ClientId,
            responseType: OidcConstants.ResponseTypes.Code,
            scope: linking.Scope,
            redirectUri: linking.RedirectUri,
            state: state,
            codeChallenge: CodeChallenge(codeVerifier),
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        LogStarted(user, skill);
        return new Uri(url);
    }

    public async Task<LinkCompletion> CompleteLinkAsync(string state, string code, CancellationToken cancellationToken)
    {
        var pending = await store.TakePendingLinkAsync(state, cancellationToken);
        if (pending is null)
        {
            return LinkCompletion.Failed("invalid_request", "The link request is unknown or has expired.");
        }

        var tokens = await tokenClient.ExchangeCodeAsync(code, pending.CodeVerifier, cancellationToken);
        if (!tokens.IsSuccess)
        {
            LogExchangeFailed(pending.User, pending.Skill, tokens.ToString());
            return tokens.IsTransportFailure
                ? LinkCompletion.Failed("temporarily_unavailable", "The vendor's token service did not answer.", pending.User, pending.Skill)
                : LinkCompletion.Failed(tokens.Error!, tokens.ErrorDescription ?? "The vendor refused the authorization code.", pending.User, pending.Skill);
        }

        var now = timeProvider.GetUtcNow();
        var previous = await store.GetLinkAsync(pending.User, pending.Skill, cancellationToken);
        await store.SaveLinkAsync(new AccountLink(
            pending.User,
            pending.Skill,
            LinkState.Linked,
            tokens.AccessToken,
            tokens.RefreshToken,
            now.AddSeconds(tokens.ExpiresInSeconds),
            pending.VendorAccountHint ?? previous?.VendorAccount,
            now), cancellationToken);
        LogLinked(pending.User, pending.Skill);

        var discovered = await discovery.DiscoverAsync(pending.User, pending.Skill, cancellationToken);
        if (!discovered.Succeeded)
        {
            LogDiscoveryFailed(pending.User, pending.Skill, discovered.Problem);
        }

        return new LinkCompletion(pending.User, pending.Skill, null, null, discovered);
    }

    /// <summary>RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    internal static string CodeChallenge(string codeVerifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Started linking {Skill} for {User}")]
    private partial void LogStarted(string user, string skill);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked {Skill} for {User}")]
    private partial void LogLinked(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchanging the code for {User} on {Skill} failed: {Result}")]
    private partial void LogExchangeFailed(string user, string skill, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery after linking {Skill} for {User} failed: {Problem}")]
    private partial void LogDiscoveryFailed(string user, string skill, string? problem);
}
