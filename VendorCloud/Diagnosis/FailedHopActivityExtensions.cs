using System.Diagnostics;

namespace SmartHome.VendorCloud.Diagnosis;

/// <summary>Puts a <see cref="FailedHop"/> on a span.</summary>
internal static class FailedHopActivityExtensions
{
    public static void SetFailedHop(this Activity? activity, FailedHop? failedHop)
    {
        if (activity is null || failedHop is null)
        {
            return;
        }

        activity.SetTag(FailedHop.HopAttribute, failedHop.Hop);
        activity.SetTag(FailedHop.CauseAttribute, failedHop.Cause);
    }
}
