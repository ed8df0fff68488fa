namespace AgentGate.Gateway.Egress;

/// <summary>Where an agent wants to go through the forward proxy: the policy's <c>egress</c> action fields.</summary>
internal sealed record EgressTarget(string Scheme, string Host, int Port, string Method, string Path)
{
    public string Display => Scheme == "connect" ? $"{Host}:{Port}" : $"{Scheme}://{Host}:{Port}{Path}";
}
