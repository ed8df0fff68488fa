using System.Security.Cryptography;
using System.Text;
using AgentGate.Sandbox.Network;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Tokens;

namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// Brings fleets up and down: one internal network per fleet (no route out, no agent-to-agent traffic, host
/// reachable only on the gateway port) and one hardened container per agent. State lives in labels, so
/// `down`, `ps` and the reaper work after a gateway restart.
/// </summary>
public sealed partial class FleetManager
{
    private readonly IContainerRuntime _runtime;
    private readonly ITokenIssuer _tokens;
    private readonly IHostFirewall? _firewall;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;

    public FleetManager(IContainerRuntime runtime, ITokenIssuer tokens, FleetOptions options, IHostFirewall? firewall = null, TimeProvider? time = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _runtime = runtime;
        _tokens = tokens;
        _options = options;
        _firewall = options.RestrictHostAccess ? firewall ?? new IptablesHostFirewall() : null;
        _time = time ?? TimeProvider.System;
    }

    public static string NetworkNameFor(string fleet) => $"agentgate-{fleet}";

    public static string ContainerNameFor(string fleet, string agent) => $"agentgate-{fleet}-{agent}";

    /// <summary>Linux limits interface names to 15 characters, so the bridge is named by a hash of the fleet.</summary>
    public static string BridgeNameFor(string fleet) =>
        "ag-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fleet)))[..12];

    /// <summary>
    /// Creates the fleet's network and one container per agent, at most <see cref="FleetOptions.Parallelism"/> (or the
    /// manifest's <c>parallelism</c>) agents at a time; starts follow manifest order spaced by the stagger. All or
    /// nothing: when any agent fails, agents not yet begun are not begun, those in flight finish, and the whole fleet
    /// is torn down (every container and the network removed, every issued token revoked) before a
    /// <see cref="FleetOperationException"/> naming each failed agent is thrown.
    /// </summary>
    public async Task<FleetUpResult> UpAsync(FleetManifest manifest, CancellationToken cancellationToken)
    {
        var fleetLabels = FleetLabels(manifest.Name);
        if ((await _runtime.ListContainersAsync(fleetLabels, cancellationToken).ConfigureAwait(false)).Count > 0)
            throw new InvalidOperationException($"fleet '{manifest.Name}' is already up; run down first");

        var bridge = BridgeNameFor(manifest.Name);
        var labels = new Dictionary<string, string>(fleetLabels) { [SandboxLabels.Bridge] = bridge };
        var network = await _runtime.CreateNetworkAsync(
            new NetworkSpec(NetworkNameFor(manifest.Name), bridge, labels, Internal: true, InterContainer: false, _options.Subnet),
            cancellationToken).ConfigureAwait(false);
        try
        {
            var gatewayAddress = network.GatewayAddress ?? throw new InvalidOperationException($"network {network.Name} has no gateway address");
            if (_firewall is not null) await _firewall.RestrictAsync(bridge, _options.GatewayPort, cancellationToken).ConfigureAwait(false);
            var gatewayUrl = $"http://{gatewayAddress}:{_options.GatewayPort}";
            var agents = new AgentStatus[manifest.Agents.Count];
            var scheduler = new FleetScheduler(manifest.Parallelism ?? _options.Parallelism, _options.StaggerDelay, stopOnFailure: true, _time);
            var outcomes = await scheduler.RunAsync(
                manifest.Agents.Count,
                (i, ct) => CreateAgentAsync(manifest, manifest.Agents[i], network.Name, gatewayUrl, ct),
                async (i, id, ct) =>
                {
                    await _runtime.StartContainerAsync(id, ct).ConfigureAwait(false);
                    var agent = manifest.Agents[i];
                    agents[i] = new AgentStatus(manifest.Name, agent.Id, agent.Role, agent.Task, id, ContainerNameFor(manifest.Name, agent.Id),
                        "running", true, agent.Image, _options.GatewayInstance);
                },
                cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var failures = new List<FleetFailure>();
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].State == JobState.Failed) failures.Add(FleetFailure.ForAgent(manifest.Agents[i].Id, outcomes[i].Error!));
            }

            if (failures.Count > 0) throw new FleetOperationException("up", manifest.Name, manifest.Agents.Count, failures);
            return new FleetUpResult(manifest.Name, network.Id, network.Name, bridge, gatewayAddress, gatewayUrl, agents);
        }
        catch (Exception error)
        {
            await RollBackAsync(manifest, error).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Tears a failed bring-up down; if that fails too, one error lists both what failed and what is left.</summary>
    private async Task RollBackAsync(FleetManifest manifest, Exception error)
    {
        try
        {
            await DownAsync(manifest.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (FleetOperationException down)
        {
            IReadOnlyList<FleetFailure> cause = error is FleetOperationException up ? up.Failures : [new FleetFailure($"fleet '{manifest.Name}'", error)];
            throw new FleetOperationException("up", manifest.Name, manifest.Agents.Count, [.. cause, .. down.Failures], tornDown: false);
        }
    }

    /// <summary>Issues the agent's token and creates (not starts) its container; the token is revoked if the create fails.</summary>
    private async Task<string> CreateAgentAsync(FleetManifest manifest, AgentSpec agent, string network, string gatewayUrl, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(agent.Workspace);
        var name = ContainerNameFor(manifest.Name, agent.Id);
        var token = await _tokens.IssueAsync(new AgentTokenRequest(manifest.Name, agent, name), cancellationToken).ConfigureAwait(false);
        var labels = new Dictionary<string, string>(FleetLabels(manifest.Name))
        {
            [SandboxLabels.Agent] = agent.Id,
            [SandboxLabels.Role] = agent.Role,
            [SandboxLabels.Task] = agent.Task,
            [SandboxLabels.TokenId] = token.Id,
        };
        try
        {
            return await _runtime.CreateContainerAsync(new ContainerSpec
            {
                Name = name,
                Hostname = agent.Id,
                Image = agent.Image,
                NetworkName = network,
                Command = agent.Command,
                Environment = AgentEnvironment.Build(manifest.Name, agent, token.Value, gatewayUrl, manifest.Repos, _options.NoProxy),
                Labels = labels,
                WorkspaceHostPath = agent.Workspace,
                Tmpfs = new Dictionary<string, string>
                {
                    ["/tmp"] = $"rw,nosuid,nodev,size={_options.TmpSize},mode=1777",
                    ["/home/agent"] = $"rw,nosuid,nodev,size={_options.HomeSize},uid=10001,gid=10001,mode=0700",
                },
                MemoryBytes = agent.Resources.MemoryBytes,
                NanoCpus = (long)(agent.Resources.Cpus * 1_000_000_000),
                PidsLimit = agent.Resources.Pids,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _tokens.RevokeAsync(token.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private Dictionary<string, string> FleetLabels(string fleet) => new()
    {
        [SandboxLabels.Managed] = "true",
        [SandboxLabels.Fleet] = fleet,
        [SandboxLabels.Gateway] = _options.GatewayInstance,
    };
}
