using System.CommandLine;

namespace AgentGate.Gateway.Cli;

/// <summary>
/// <c>agentgate git check</c>: dry-runs one ref update of a push through the same policy the gateway uses and
/// prints the decision JSON. Exit 0 allow, 1 deny, 3 held for approval, 2 usage or configuration error.
/// </summary>
internal static class GitCommand
{
    public static Command Create()
    {
        var agent = new Option<string>("--agent") { Description = "Agent id (its role, lane and owner come from the configuration)", Required = true };
        var repo = new Option<string>("--repo") { Description = "Repository name as served under /git/{repo}", Required = true };
        var reference = new Option<string>("--ref") { Description = "Full ref name, e.g. refs/heads/agents/builder-17/fix", Required = true };
        var old = new Option<string?>("--old") { Description = "Current object id of the ref (omit for a new ref)" };
        var @new = new Option<string?>("--new") { Description = "Pushed object id (omit with --delete)" };
        var force = new Option<bool>("--force") { Description = "Treat the update as a force push (otherwise computed from --old/--new in a local repository)" };
        var delete = new Option<bool>("--delete") { Description = "The push deletes the ref" };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "The gateway's JSON configuration file (agents, repos, policy path)" };
        var policy = new Option<DirectoryInfo?>("--policy") { Description = "A policy bundle directory (default: the configuration's, else the shipped bundle)" };
        var role = new Option<string?>("--role") { Description = "Role of an agent that is not in the configuration" };
        var lane = new Option<string?>("--lane") { Description = "Lane of an agent that is not in the configuration" };
        var check = new Command("check", "Dry-run a push decision and print it as JSON; non-zero exit unless allowed")
        {
            agent, repo, reference, old, @new, force, delete, config, policy, role, lane,
        };
        check.SetAction((parse, cancellationToken) => GitCheck.RunAsync(
            new GitCheck.Request(parse.GetValue(agent)!, parse.GetValue(repo)!, parse.GetValue(reference)!, parse.GetValue(old), parse.GetValue(@new),
                parse.GetValue(force), parse.GetValue(delete), parse.GetValue(config), parse.GetValue(policy), parse.GetValue(role), parse.GetValue(lane)),
            cancellationToken));
        return new Command("git", "Git push decisions") { check };
    }
}
