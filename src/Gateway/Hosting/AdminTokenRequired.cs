namespace AgentGate.Gateway.Hosting;

/// <summary>Endpoint metadata: the caller must present the admin token as a Bearer credential.</summary>
internal sealed class AdminTokenRequired
{
    public static AdminTokenRequired Instance { get; } = new();
}
