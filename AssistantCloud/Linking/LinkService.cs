using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Account linking as the OAuth client: authorization code with PKCE (S256). Start creates the
/// state and code_verifier and gives the vendor's authorize URL; Complete checks the state,
/// exchanges the code, stores the tokens and runs Discovery (which replaces the endpoint list, so a
/// re-link keeps ids and names without duplicates). Disable revokes the grant and forgets the link.
/// </summary>
internal sealed partial class LinkService(
    IAssistantStore store,
    ITokenClient tokenClient,
    DiscoveryService discovery,
    LinkLocks locks,
    TimeProvider timeProvider,
    IAuthorizationServerMetadataSource metadata,
    IOptions<LinkingOptions> options,
    AssistantMetrics metrics,
    ILogger<LinkService> logger,
    AcceptGrantSender? acceptGrant = null,
    LwaTokenService? eventTokens = null)
{
    /// <summary>How long a started link waits for its callback.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public async Task<Uri> StartLinkAsync(string user, string skill, string? vendorAccountHint, CancellationToken cancellationToken)
    {
        var linking = options.Value;
        // The vendor's metadata names its authorization endpoint (throws when it cannot be had: nothing is stored then).
        var authorizationEndpoint = (await metadata.GetAsync(cancellationToken)).AuthorizationEndpoint!;
        var state = CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url);
        var codeVerifier = CryptoRandom.CreateUniqueId(48, CryptoRandom.OutputFormat.Base64Url);

        await store.EnsureUserAsync(user, cancellationToken);
        await store.SavePendingLinkAsync(new PendingLink(state, user, skill, codeVerifier, vendorAccountHint), PendingLifetime, cancellationToken);

        var authorize = new RequestUrl(authorizationEndpoint.ToString());
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

        // Not cancellable from here on: the code is spent, the tokens must be kept.
        using (await locks.AcquireAsync(pending.User, pending.Skill, CancellationToken.None))
        {
            var now = timeProvider.GetUtcNow();
            var previous = await store.GetLinkAsync(pending.User, pending.Skill, CancellationToken.None);
            await store.SaveLinkAsync(new AccountLink(
                pending.User,
                pending.Skill,
                LinkState.Linked,
                tokens.AccessToken,
                tokens.RefreshToken,
                now.AddSeconds(tokens.ExpiresInSeconds),
                pending.VendorAccountHint ?? previous?.VendorAccount,
                now,
                LinkedAt: now), CancellationToken.None);
            // The person has acted on the "link expired" notice: it stays listed, resolved.
            await store.ResolveNotificationsAsync(pending.User, pending.Skill, LinkExpiredNotice.Kind, now, CancellationToken.None);
        }

        // The skill's permission to report (its event-gateway tokens): ACCEPT_GRANT_FAILED fails the link, as Amazon's does.
        if (acceptGrant is not null
            && await acceptGrant.SendAsync(pending.User, pending.Skill, tokens.AccessToken!, CancellationToken.None) == AcceptGrantOutcome.Failed)
        {
            await UndoLinkAsync(pending.User, pending.Skill, tokens.RefreshToken);
            return LinkCompletion.Failed(AcceptGrantRefused, "The skill could not accept the permission to send events (ACCEPT_GRANT_FAILED): the accounts were not linked.",
                pending.User, pending.Skill);
        }

        metrics.LinkTransition(LinkState.Linked, "linked");
        LogLinked(pending.User, pending.Skill);

        var discovered = await discovery.DiscoverAsync(pending.User, pending.Skill, cancellationToken);
        if (!discovered.Succeeded)
        {
            LogDiscoveryFailed(pending.User, pending.Skill, discovered.Problem);
        }

        return new LinkCompletion(pending.User, pending.Skill, null, null, discovered);
    }

    /// <summary>The error of a link the skill's AcceptGrant refused.</summary>
    public const string AcceptGrantRefused = "accept_grant_failed";

    /// <summary>A link whose AcceptGrant failed is no link: its tokens are dropped (and revoked at the vendor), the reason kept.</summary>
    private async Task UndoLinkAsync(string user, string skill, string? refreshToken)
    {
        using (await locks.AcquireAsync(user, skill, CancellationToken.None))
        {
            var link = await store.GetLinkAsync(user, skill, CancellationToken.None);
            await store.SaveLinkAsync(new AccountLink(user, skill, LinkState.Unlinked, null, null, null, link?.VendorAccount, timeProvider.GetUtcNow(),
                Reason: "the skill could not accept the permission to send events (ACCEPT_GRANT_FAILED)"), CancellationToken.None);
        }

        if (refreshToken is { Length: > 0 })
        {
            await tokenClient.RevokeAsync(refreshToken, "refresh_token", CancellationToken.None);
        }

        metrics.LinkTransition(LinkState.Unlinked, AcceptGrantRefused);
        LogAcceptGrantFailed(user, skill);
    }

    /// <summary>
    /// The person disables the skill: revoke the grant at the vendor (RFC 7009, with the refresh
    /// token, which ends the whole grant), then delete the tokens and endpoints and mark the link
    /// Unlinked. A vendor that does not answer does not keep the link alive here.
    /// </summary>
    public async Task<DisableResult> DisableAsync(string user, string skill, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(user, skill, cancellationToken);
        var link = await store.GetLinkAsync(user, skill, CancellationToken.None);

        var (token, hint) = link switch
        {
            { RefreshToken: { Length: > 0 } refresh } => (refresh, "refresh_token"),
            { AccessToken: { Length: > 0 } access } => (access, "access_token"),
            _ => (null, null),
        };
        var revocation = token is null
            ? RevocationResult.Failed("there was no grant to revoke")
            : await tokenClient.RevokeAsync(token, hint!, CancellationToken.None);

        var now = timeProvider.GetUtcNow();
        await store.SaveLinkAsync(new AccountLink(user, skill, LinkState.Unlinked, null, null, null, link?.VendorAccount, now,
            Reason: "the skill was disabled"), CancellationToken.None);
        await store.ReplaceEndpointsAsync(user, skill, [], CancellationToken.None);
        // Disabling the skill ends its permission to report too: its event-gateway tokens stop working.
        if (eventTokens is not null)
        {
            await eventTokens.EndGrantAsync(user, skill, EventGrantStates.Disabled, "the person disabled the skill");
        }

        metrics.LinkTransition(LinkState.Unlinked, "disabled");
        LogDisabled(user, skill, revocation.Succeeded, revocation.Problem);

        return revocation.Succeeded
            ? new DisableResult(LinkState.Unlinked, true, "The skill is disabled and the vendor revoked the link.")
            : new DisableResult(LinkState.Unlinked, false, $"The skill is disabled here; the vendor did not confirm the revocation ({revocation.Problem}).");
    }

    /// <summary>RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    internal static string CodeChallenge(string codeVerifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Started linking {Skill} for {User}")]
    private partial void LogStarted(string user, string skill);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked {Skill} for {User}")]
    private partial void LogLinked(string user, string skill);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disabled {Skill} for {User}; revoked at the vendor: {Revoked} {Problem}")]
    private partial void LogDisabled(string user, string skill, bool revoked, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking {Skill} for {User} failed: the skill answered AcceptGrant with ACCEPT_GRANT_FAILED")]
    private partial void LogAcceptGrantFailed(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchanging the code for {User} on {Skill} failed: {Result}")]
    private partial void LogExchangeFailed(string user, string skill, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery after linking {Skill} for {User} failed: {Problem}")]
    private partial void LogDiscoveryFailed(string user, string skill, string? problem);
}
