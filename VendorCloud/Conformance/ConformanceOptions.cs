namespace SmartHome.VendorCloud.Conformance;

/// <summary>
/// Configuration section <c>Conformance</c>: the test account the vendor keeps for a skill conformance check
/// (AppHost parameters <c>skill-test-email</c>, <c>skill-test-password</c>), as real makers keep certification
/// accounts with virtual devices. Empty e-mail: no test account.
/// </summary>
internal sealed class ConformanceOptions
{
    public const string SectionName = "Conformance";

    /// <summary>The home the test account's virtual devices are in; no gateway can connect it (no secret is known).</summary>
    public const string HomeId = "conformance-home";

    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}
