using AgentGate.Gateway.Approvals;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>Embedded mode: replicas in one process share the repository; a restarted process starts empty.</summary>
public sealed class InMemoryApprovalStoreTests : ApprovalStoreTests
{
    private readonly InMemoryApprovalRepository _shared = new();

    internal override bool Available => true;

    internal override bool Durable => false;

    internal override IApprovalRepository OpenReplica() => _shared;

    internal override IApprovalRepository Restart() => new InMemoryApprovalRepository();
}
