namespace AgentGate.Gateway.Config;

internal enum ProviderType
{
    Anthropic,
    OpenAI,
}
