using System.CommandLine;
using AgentGate.Gateway.Fleet;
using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate sandbox exec AGENT [--fleet NAME] -- CMD…</c>: runs a command in an agent's container if the policy allows it.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("AGENT") { Description = "Agent id" };
        var command = new Argument<string[]>("CMD") { Description = "Command and arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var fleet = new Option<string?>("--fleet") { Description = "Fleet of the agent (default: the only fleet that has it)" };
        var gatewayUrl = new Option<string>("--gateway-url") { Description = "Agent listener asked for the decision", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var adminUrl = new Option<string>("--admin-url") { Description = "Admin listener", DefaultValueFactory = _ => FleetCli.DefaultAdminUrl };
        var adminToken = new Option<string?>("--admin-token") { Description = "Admin token (default: $AGENTGATE_ADMIN_TOKEN)" };
        var exec = new Command("exec", "Ask the policy as the agent, then run the command in its container") { agent, command, fleet, gatewayUrl, adminUrl, adminToken };
        exec.SetAction((p, ct) => FleetCli.RunAsync(() => ExecAsync(p.GetValue(agent)!, p.GetValue(command)!, p.GetValue(fleet),
            p.GetValue(gatewayUrl)!, p.GetValue(adminUrl)!, p.GetValue(adminToken), ct)));
        return new Command("sandbox", "Work with sandboxed agents") { exec };
    }

    private static async Task<int> ExecAsync(string agent, string[] argv, string? fleet, string gatewayUrl, string adminUrl, string? adminToken, CancellationToken ct)
    {
        if (argv.Length == 0) throw new FleetCliException("invalid_option", "a command is required after --");
        var gateway = FleetCli.ParseUrl("--gateway-url", gatewayUrl);
        var token = FleetCli.RequireAdminToken(adminToken);
        using var issuer = new AdminApiTokenIssuer(FleetCli.ParseUrl("--admin-url", adminUrl), token);
        using var runtime = await FleetCli.ConnectDockerAsync(ct);
        var manager = new FleetManager(runtime, issuer, new FleetOptions { RestrictHostAccess = false });
        fleet ??= await FindFleetAsync(manager, agent, ct);

        var commandLine = SandboxAuthorizer.JoinCommand(argv);
        var (allowed, reason) = await new SandboxAuthorizer(issuer, gateway).AuthorizeExecAsync(agent, commandLine, ct);
        if (!allowed)
        {
            await FleetCli.WriteErrorAsync("policy_denied", $"'{commandLine}' denied for agent '{agent}': {reason}", []);
            return 3;
        }

        var result = await manager.ExecAsync(fleet, agent, argv, ct);
        Console.Write(result.Stdout);
        await Console.Error.WriteAsync(result.Stderr);
        return result.ExitCode is >= 0 and <= 255 ? (int)result.ExitCode : 1;
    }

    private static async Task<string> FindFleetAsync(FleetManager manager, string agent, CancellationToken ct)
    {
        var fleets = (await manager.PsAsync(null, ct)).Where(s => s.Agent == agent).Select(s => s.Fleet).Distinct(StringComparer.Ordinal).ToList();
        return fleets.Count switch
        {
            1 => fleets[0],
            0 => throw new FleetCliException("agent_not_found", $"no fleet has an agent '{agent}'"),
            _ => throw new FleetCliException("agent_ambiguous", $"agent '{agent}' is in fleets {string.Join(", ", fleets)}; pass --fleet"),
        };
    }
}
