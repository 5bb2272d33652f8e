namespace SmartHome.IntegrationTests;

/// <summary>
/// Two replicas of each cloud behind Aspire's proxy (<c>cloud-replicas=2</c>), the story's link policy: the assistant's
/// single-flight refresh, fault switches and token story across its replicas.
/// </summary>
public sealed class AssistantReplicasAppFixture : SmartHomeAppFixture
{
    public const int Replicas = 2;

    // The kit must know the replicas too: it waits for each, and the start bound doubles.
    protected override void Configure(SmartHomeWorldOptions options) => options.CloudReplicas = Replicas;
}

[CollectionDefinition(Name)]
public sealed class AssistantReplicasCollection : ICollectionFixture<AssistantReplicasAppFixture>
{
    public const string Name = "SmartHome app, two replicas of each cloud (the assistant's tokens and switches)";
}

/// <summary>
/// Two replicas of each cloud, and a plug slower than the vendor waits (<see cref="ReturnPathAppFixture.PlugApplyDelayMs"/>):
/// commands are deferred, and their asynchronous Response may reach the event gateway of the assistant replica that is not
/// waiting for it.
/// </summary>
public sealed class AssistantReplicasReturnPathAppFixture : SmartHomeAppFixture
{
    protected override IEnumerable<string> ExtraArguments => [$"--Parameters:plug-apply-delay-ms={ReturnPathAppFixture.PlugApplyDelayMs}"];

    protected override void Configure(SmartHomeWorldOptions options) => options.CloudReplicas = AssistantReplicasAppFixture.Replicas;
}

[CollectionDefinition(Name)]
public sealed class AssistantReplicasReturnPathCollection : ICollectionFixture<AssistantReplicasReturnPathAppFixture>
{
    public const string Name = "SmartHome app, two replicas of each cloud and deferred commands";
}
