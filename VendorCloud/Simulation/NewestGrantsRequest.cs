namespace SmartHome.VendorCloud.Simulation;

/// <summary>The body of <c>POST /sim/oauth/newest-grants</c>: the accounts' e-mail addresses, at most <see cref="MaxEmails"/>.</summary>
internal sealed record NewestGrantsRequest(IReadOnlyList<string>? Emails)
{
    public const int MaxEmails = 100;
}
