using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Tests.Identity;

/// <summary>Embedded mode: replicas in one process share the repository; a restart forgets everything.</summary>
public sealed class InMemoryTokenStoreTests : TokenStoreTests
{
    private InMemoryTokenRepository? _shared;

    internal override bool Available => true;

    internal override bool Durable => false;

    internal override ITokenRepository OpenReplica() => _shared ??= new InMemoryTokenRepository(Time);

    internal override ITokenRepository Restart(ITokenRepository old)
    {
        _shared = new InMemoryTokenRepository(Time);
        return _shared;
    }
}
