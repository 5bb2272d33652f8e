using Microsoft.Extensions.Options;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>Start-up validation of <see cref="OAuthOptions"/>, with a message that names the key and the value.</summary>
internal sealed class OAuthOptionsValidator : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
