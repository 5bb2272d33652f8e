using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// `DELETE /api/users/{user}/skills/{skill}`: the link is Unlinked either way;
/// <see cref="RevokedAtVendor"/> says whether the vendor confirmed the revocation, and
/// <see cref="Message"/> says what happened in words.
/// </summary>
public sealed record DisableResult(LinkState State, bool RevokedAtVendor, string Message);
