namespace AgentGate.Gateway.Config;

internal enum SecretSource
{
    Environment,
    File,
}
