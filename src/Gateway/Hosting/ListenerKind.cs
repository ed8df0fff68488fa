namespace AgentGate.Gateway.Hosting;

internal enum ListenerKind
{
    Agent,
    Admin,
}
