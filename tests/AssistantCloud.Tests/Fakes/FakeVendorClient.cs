using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>A vendor skill endpoint that records directives and answers with the test's JSON.</summary>
internal sealed class FakeVendorClient : IVendorClient
{
    public List<AlexaDirective> Directives { get; } = [];

    /// <summary>Returns the vendor's answer as JSON for a directive, or throws to simulate no answer.</summary>
    public Func<AlexaDirective, string> Answer { get; set; } = _ => throw new VendorUnavailableException("no answer configured");

    public Task<AlexaEvent> SendAsync(AlexaDirective directive, CancellationToken cancellationToken)
    {
        Directives.Add(directive);
        return Task.FromResult(AlexaEventParser.Parse(Answer(directive)));
    }
}
