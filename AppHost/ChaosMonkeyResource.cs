using SmartHome.Testing.Chaos;

namespace SmartHome.AppHost;

/// <summary>The chaos monkey as a resource of the dashboard: its state (Idle, Running, Passed, Violations) and its commands.</summary>
internal sealed class ChaosMonkeyResource(string name) : Resource(name)
{
    /// <summary>Made at the first start, over the running AppHost's services.</summary>
    public ChaosMonkeyRunner? Runner { get; set; }
}
