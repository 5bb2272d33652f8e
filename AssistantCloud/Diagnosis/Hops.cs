namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>The hops of the chain, in the order a command travels them (the contract's hop table).</summary>
public static class Hops
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

/// <summary>A hop's status in the diagnosis: seen working, seen failing, or not visible from anywhere.</summary>
public static class HopStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
