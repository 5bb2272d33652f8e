using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Skill;

/// <summary>
/// A directive that cannot be carried out, in Alexa's terms. <see cref="Command"/> and <see cref="CommandError"/>
/// are set when the failure came back from the home, <see cref="LinkReason"/> when the account link has ended:
/// they place the failure in the chain (<see cref="DirectiveFailedHops"/>), they are not sent to Alexa.
/// </summary>
internal sealed record SkillFailure(string Type, string Message, ValidRange? ValidRange = null, CommandStatus? Command = null,
    string? CommandError = null, string? LinkReason = null);
