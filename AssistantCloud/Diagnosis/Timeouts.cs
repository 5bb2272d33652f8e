namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// The diagnosis' budgets. Together they answer within a second: the store first (the vendor needs the
/// endpoint id), then the vendor; the gateway runs alongside both.
/// </summary>
internal static class Timeouts
{
    public static readonly TimeSpan Store = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Vendor = TimeSpan.FromMilliseconds(600);
    public static readonly TimeSpan Gateway = TimeSpan.FromMilliseconds(400);
}
