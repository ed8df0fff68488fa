namespace AgentGate.Gateway.Proxy;

/// <summary>Sees response bytes as they pass to the client; must never hold them back.</summary>
internal interface IResponseObserver
{
    void Observe(ReadOnlySpan<byte> chunk);

    void Complete();
}
