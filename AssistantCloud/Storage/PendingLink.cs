using System.Text;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// A started authorization: the OAuth state points to it, and it holds the PKCE code_verifier
/// (a secret, left out of <see cref="ToString"/>) until the callback comes back.
/// </summary>
public sealed record PendingLink(string State, string User, string Skill, string CodeVerifier, string? VendorAccountHint)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"User = {User}, Skill = {Skill}");
        return true;
    }
}
