using System.CommandLine;

namespace AgentGate.Gateway.Cli;

/// <summary>The <c>agentgate</c> command tree: one file per command group, one line each here.</summary>
internal static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AgentGate: a policy-enforcing gateway for fleets of AI agents");
        root.Add(ServeCommand.Create());
        root.Add(TokenCommand.Create());
        root.Add(AuditCommand.Create());
        root.Add(PolicyCommand.Create());
        root.Add(HookCommand.Create());
        root.Add(FleetCommand.Create()); root.Add(SandboxCommand.Create());
        root.Add(GitCommand.Create());
        return root;
    }
}
