namespace SmartHome.Testing.Samples;

/// <summary>One world for all the samples (an AppHost start is the slow part): xunit's collection fixture.</summary>
public sealed class SampleWorld : IAsyncLifetime
{
    public SmartHomeWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await SmartHomeWorld.StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SampleWorldCollection : ICollectionFixture<SampleWorld>
{
    public const string Name = "the samples' world";
}
