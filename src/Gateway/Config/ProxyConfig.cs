namespace AgentGate.Gateway.Config;

/// <summary>Limits of the model proxy: largest request body read for inspection and upstream timeouts.</summary>
internal sealed record ProxyConfig(long MaxRequestBytes, TimeSpan ConnectTimeout, TimeSpan ActivityTimeout);
