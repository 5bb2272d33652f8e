namespace SmartHome.ServiceDefaults;

/// <summary>
/// The hops of the chain, in the order a command travels them: the diagnosis reports each, and a failed
/// command's span names one (docs/protocols.md, "Diagnosis"). One vocabulary for every service.
/// </summary>
public static class ChainHops
{
    public const string Assistant = "assistant";
    public const string Link = "link";
    public const string Vendor = "vendor";
    public const string Uplink = "uplink";
    public const string Gateway = "gateway";
    public const string Band = "band";
    public const string Plug = "plug";
    public const string Lamp = "lamp";

    public static readonly IReadOnlyList<string> InOrder = [Assistant, Link, Vendor, Uplink, Gateway, Band, Plug, Lamp];
}
