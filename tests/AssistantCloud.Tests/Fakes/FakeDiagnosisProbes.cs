using SmartHome.AssistantCloud.Diagnosis;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>A vendor support view that answers what the test says, and records what it was asked.</summary>
internal sealed class FakeVendorSupportClient : IVendorSupportClient
{
    public List<string> Asked { get; } = [];

    public Func<string, VendorFacts> Answer { get; set; } = _ => VendorFacts.Answered(Diagnosis.HealthyFacts.VendorView);

    public Task<VendorFacts> GetDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(deviceId);
        }

        return Task.FromResult(Answer(deviceId));
    }
}

/// <summary>A home gateway that answers what the test says.</summary>
internal sealed class FakeHomeGatewayClient : IHomeGatewayClient
{
    public Func<GatewayFacts> Answer { get; set; } = () => GatewayFacts.Answered(Diagnosis.HealthyFacts.GatewayView);

    public List<string?> AskedHomes { get; } = [];

    public Task<GatewayFacts> GetStatusAsync(string? homeId, CancellationToken cancellationToken)
    {
        lock (AskedHomes)
        {
            AskedHomes.Add(homeId);
        }

        return Task.FromResult(Answer());
    }
}
