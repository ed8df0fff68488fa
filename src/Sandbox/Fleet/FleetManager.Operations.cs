using System.Runtime.ExceptionServices;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Sandbox.Fleet;

public sealed partial class FleetManager
{
    /// <summary>Removes a fleet's containers (revoking each token), its network and its host firewall rules.</summary>
    public async Task<FleetDownResult> DownAsync(string fleet, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { [SandboxLabels.Managed] = "true", [SandboxLabels.Fleet] = fleet };
        return await RemoveAsync(fleet, labels, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Agents of one fleet (or of every fleet when <paramref name="fleet"/> is null).</summary>
    public async Task<IReadOnlyList<AgentStatus>> PsAsync(string? fleet, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { [SandboxLabels.Managed] = "true" };
        if (fleet is not null) labels[SandboxLabels.Fleet] = fleet;
        var containers = await _runtime.ListContainersAsync(labels, cancellationToken).ConfigureAwait(false);
        return containers.Select(ToStatus).OrderBy(s => s.Fleet, StringComparer.Ordinal).ThenBy(s => s.Agent, StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs argv in an agent's container. The caller has already asked the policy; this does not.</summary>
    public async Task<ExecResult> ExecAsync(string fleet, string agent, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        if (argv.Count == 0) throw new ArgumentException("argv must not be empty", nameof(argv));
        var labels = new Dictionary<string, string>
        {
            [SandboxLabels.Managed] = "true", [SandboxLabels.Fleet] = fleet, [SandboxLabels.Agent] = agent,
        };
        var container = (await _runtime.ListContainersAsync(labels, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? throw new KeyNotFoundException($"agent '{agent}' of fleet '{fleet}' has no container");
        return await _runtime.ExecAsync(container.Id, argv, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops one agent's container (the watchdog's stop action); the container stays for `ps` until down.</summary>
    public async Task StopAgentAsync(string fleet, string agent, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>
        {
            [SandboxLabels.Managed] = "true", [SandboxLabels.Fleet] = fleet, [SandboxLabels.Agent] = agent,
        };
        foreach (var c in await _runtime.ListContainersAsync(labels, cancellationToken).ConfigureAwait(false))
            await _runtime.StopContainerAsync(c.Id, _options.StopGrace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes containers and networks whose gateway-instance label is not in <paramref name="liveGateways"/>
    /// (left by a gateway that died); call at start-up with the live instances (at least this one).
    /// </summary>
    public Task<FleetDownResult> ReapAsync(IReadOnlySet<string> liveGateways, CancellationToken cancellationToken) =>
        ReapAsync(liveGateways.Contains, cancellationToken);

    /// <summary>Removes containers and networks (revoking tokens, releasing firewall rules) of every gateway instance <paramref name="isAlive"/> rejects.</summary>
    public async Task<FleetDownResult> ReapAsync(Func<string, bool> isAlive, CancellationToken cancellationToken)
    {
        var managed = new Dictionary<string, string> { [SandboxLabels.Managed] = "true" };
        var containers = await _runtime.ListContainersAsync(managed, cancellationToken).ConfigureAwait(false);
        var networks = await _runtime.ListNetworksAsync(managed, cancellationToken).ConfigureAwait(false);
        var dead = containers.Select(c => c.Labels.GetValueOrDefault(SandboxLabels.Gateway, ""))
            .Concat(networks.Select(n => n.Labels.GetValueOrDefault(SandboxLabels.Gateway, "")))
            .Distinct(StringComparer.Ordinal).Where(g => !isAlive(g)).ToList();
        int removed = 0, nets = 0, tokens = 0;
        foreach (var gateway in dead)
        {
            var r = await RemoveAsync("*", new Dictionary<string, string>(managed) { [SandboxLabels.Gateway] = gateway }, cancellationToken).ConfigureAwait(false);
            removed += r.ContainersRemoved;
            nets += r.NetworksRemoved;
            tokens += r.TokensRevoked;
        }

        return new FleetDownResult("*", removed, nets, tokens);
    }

    /// <summary>
    /// Removes containers (at most <see cref="FleetOptions.Parallelism"/> at a time) and then networks. Every container
    /// is tried and every token is revoked even when its container's removal fails; failures are collected and thrown
    /// together as a <see cref="FleetOperationException"/> once everything was tried.
    /// </summary>
    private async Task<FleetDownResult> RemoveAsync(string fleet, Dictionary<string, string> labels, CancellationToken cancellationToken)
    {
        int removed = 0, revoked = 0, nets = 0;
        var containers = await _runtime.ListContainersAsync(labels, cancellationToken).ConfigureAwait(false);
        var scheduler = new FleetScheduler(_options.Parallelism, TimeSpan.Zero, stopOnFailure: false, _time);
        var outcomes = await scheduler.RunAsync(containers.Count, async (i, ct) =>
        {
            var c = containers[i];
            Exception? error = null;
            try
            {
                if (await _runtime.RemoveContainerAsync(c.Id, ct).ConfigureAwait(false)) Interlocked.Increment(ref removed);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = e;
            }

            if (c.Labels.TryGetValue(SandboxLabels.TokenId, out var tokenId) && tokenId.Length > 0)
            {
                await _tokens.RevokeAsync(tokenId, ct).ConfigureAwait(false);
                Interlocked.Increment(ref revoked);
            }

            if (error is not null) ExceptionDispatchInfo.Throw(error);
        }, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var failures = new List<FleetFailure>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].State == JobState.Failed)
                failures.Add(FleetFailure.ForAgent(containers[i].Labels.GetValueOrDefault(SandboxLabels.Agent) ?? containers[i].Name, outcomes[i].Error!));
        }

        foreach (var n in await _runtime.ListNetworksAsync(labels, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var bridge = n.Labels.GetValueOrDefault(SandboxLabels.Bridge) ?? n.BridgeName;
                if (bridge is not null && _firewall is not null) await _firewall.ReleaseAsync(bridge, cancellationToken).ConfigureAwait(false);
                if (await _runtime.RemoveNetworkAsync(n.Id, cancellationToken).ConfigureAwait(false)) nets++;
            }
            catch (Exception e) when (failures.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                // A container that could not be removed keeps its network busy; report both.
                failures.Add(new FleetFailure($"network '{n.Name}'", e));
            }
        }

        return failures.Count > 0
            ? throw new FleetOperationException("down", fleet, containers.Count, failures)
            : new FleetDownResult(fleet, removed, nets, revoked);
    }

    private static AgentStatus ToStatus(ContainerInfo c) => new(
        c.Labels.GetValueOrDefault(SandboxLabels.Fleet, ""),
        c.Labels.GetValueOrDefault(SandboxLabels.Agent, ""),
        c.Labels.GetValueOrDefault(SandboxLabels.Role, ""),
        c.Labels.GetValueOrDefault(SandboxLabels.Task, ""),
        c.Id, c.Name, c.State, c.Running, c.Image,
        c.Labels.GetValueOrDefault(SandboxLabels.Gateway, ""));
}
