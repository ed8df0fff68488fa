namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>One real gateway and one real fleet shared by every in-sandbox end-to-end test (bring-up is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class SandboxE2ECollection : ICollectionFixture<SandboxE2EFixture>
{
    public const string Name = "SandboxE2E";
}
