using AgentGate.Sandbox.Runtime;

namespace AgentGate.Sandbox.Tests.Integration;

/// <summary>Under CI=true a missing dockerd fails the tests; elsewhere they are reported as not run.</summary>
internal static class DockerAvailability
{
    public const string TinyImage = "agentgate/sandbox-tiny:0.1.0";
    public const string FullImage = "agentgate/sandbox:0.1.0";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<IContainerRuntime?> TryConnectAsync()
    {
        var runtime = ContainerRuntimes.CreateDocker();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await runtime.PingAsync(cts.Token);
            return runtime;
        }
        catch (Exception e) when (!IsCi && e is not OutOfMemoryException)
        {
            runtime.Dispose();
            Console.WriteLine($"dockerd unreachable, Docker tests not run: {e.Message}");
            return null;
        }
    }
}
