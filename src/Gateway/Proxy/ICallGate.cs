namespace AgentGate.Gateway.Proxy;

/// <summary>
/// A step of the model-call pipeline (policy decision, budget reservation, leak scanning …).
/// Gates run in DI registration order before forwarding; the first non-allow result stops the call.
/// <see cref="AfterAsync"/> runs, in reverse order, for every gate whose <see cref="BeforeAsync"/> allowed,
/// whether the call then succeeded, was denied by a later gate, or failed upstream — so a gate can
/// always settle or release what it reserved.
/// </summary>
internal interface ICallGate
{
    ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken);

    ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken);
}
