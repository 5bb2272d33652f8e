namespace SmartHome.AssistantCloud.Linking;

/// <summary>The assistant's OAuth client registration at the vendor (`Linking:*`).</summary>
public sealed class LinkingOptions
{
    public const string SectionName = "Linking";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string RedirectUri { get; set; } = "";

    /// <summary>The scope requested at the vendor's authorize endpoint.</summary>
    public string Scope { get; set; } = "smarthome";
}
