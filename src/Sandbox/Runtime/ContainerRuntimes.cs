namespace AgentGate.Sandbox.Runtime;

/// <summary>Factory for the engines AgentGate supports.</summary>
public static class ContainerRuntimes
{
    /// <summary>The default Docker endpoint: DOCKER_HOST when set, else the local unix socket.</summary>
    public static Uri DefaultDockerEndpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
            ? new Uri(host)
            : new Uri("unix:///var/run/docker.sock");

    /// <summary>A runtime talking to dockerd; dispose it when done.</summary>
    public static IContainerRuntime CreateDocker(Uri? endpoint = null) => new DockerContainerRuntime(endpoint ?? DefaultDockerEndpoint);
}
