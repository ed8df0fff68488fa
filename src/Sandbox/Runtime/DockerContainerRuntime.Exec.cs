using Docker.DotNet.Models;

namespace AgentGate.Sandbox.Runtime;

internal sealed partial class DockerContainerRuntime
{
    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var exec = await _client.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters { Cmd = argv.ToList(), AttachStdout = true, AttachStderr = true },
            cancellationToken).ConfigureAwait(false);
        using var stream = await _client.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        var inspected = await _client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        return new ExecResult(inspected.ExitCode, stdout, stderr);
    }

    public async Task<long?> GetMemoryUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? last = null;
        await _client.Containers.GetContainerStatsAsync(
            containerId,
            new ContainerStatsParameters { Stream = false, OneShot = true },
            new Progress<ContainerStatsResponse>(r => last = r),
            cancellationToken).ConfigureAwait(false);
        if (last?.MemoryStats is not { } memory)
        {
            return null;
        }

        // Like `docker stats`: usage minus page cache (cgroup v1 total_inactive_file / v2 inactive_file).
        long cache = 0;
        if (memory.Stats is { } stats)
        {
            if (stats.TryGetValue("total_inactive_file", out var v1)) cache = (long)v1;
            else if (stats.TryGetValue("inactive_file", out var v2)) cache = (long)v2;
        }

        return (long)memory.Usage - cache;
    }
}
