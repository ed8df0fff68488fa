namespace AgentGate.Gateway.Hosting;

/// <summary>Endpoint metadata: the listener an endpoint is served on. Endpoints without it are served nowhere.</summary>
internal sealed record ListenerMetadata(ListenerKind Kind);
