using System.Text.Json;
using System.Text.Json.Nodes;
using AgentGate.Gateway.Tests.GitProxy;

namespace AgentGate.Gateway.Tests.Cli;

[Collection("Console")]
public sealed class GitCliTests
{
    [Fact]
    public async Task GitCheck_PushToMain_DenyJsonAndExitOne()
    {
        var (code, output, _) = await CliRunner.RunAsync("git", "check", "--agent", "builder-17", "--role", "builder", "--repo", "app", "--ref", "refs/heads/main");

        var json = JsonNode.Parse(output)!;
        Assert.Equal(1, code);
        Assert.Equal("deny", (string?)json["verdict"]);
        Assert.Contains("refs/heads/main is protected", json["deny"]![0]!.ToString());
        Assert.Equal("agentgate.git", (string?)json["rule"]);
    }

    [Fact]
    public async Task GitCheck_ForceOnOwnBranch_AllowExitZero()
    {
        var (code, output, _) = await CliRunner.RunAsync("git", "check", "--agent", "builder-17", "--role", "builder", "--repo", "app", "--ref", "refs/heads/agents/builder-17/x", "--force");

        Assert.Equal(0, code);
        Assert.Equal(("allow", "force", true), ((string?)JsonNode.Parse(output)!["verdict"], (string?)JsonNode.Parse(output)!["update"], (bool?)JsonNode.Parse(output)!["action"]!["updates"]![0]!["force"]));
    }

    [Fact]
    public async Task GitCheck_TagUpdateInLocalRepo_ForceComputedFromConfiguredRepository()
    {
        var root = Directory.CreateTempSubdirectory("agentgate-gitcli-").FullName;
        try
        {
            var git = new GitCli(root);
            var bare = Path.Combine(root, "app.git");
            await git.CheckedAsync(root, "init", "-q", "--bare", bare);
            await git.CheckedAsync(root, "--git-dir", bare, "commit-tree", "-m", "x", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            var a = await git.CheckedAsync(root, "--git-dir", bare, "commit-tree", "-m", "a", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            var b = await git.CheckedAsync(root, "--git-dir", bare, "commit-tree", "-p", a, "-m", "b", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            var config = Path.Combine(root, "agentgate.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                AgentGate = new
                {
                    Agents = new Dictionary<string, object> { ["builder-17"] = new { Role = "builder", Lane = "auth", Owner = "sam" } },
                    Git = new { Repos = new Dictionary<string, object> { ["app"] = new { Upstream = new Uri(bare).AbsoluteUri } } },
                },
            }));

            var forward = await CliRunner.RunAsync("git", "check", "--config", config, "--agent", "builder-17", "--repo", "app", "--ref", "refs/tags/v1", "--old", a, "--new", b);
            var backward = await CliRunner.RunAsync("git", "check", "--config", config, "--agent", "builder-17", "--repo", "app", "--ref", "refs/tags/v1", "--old", b, "--new", a);

            Assert.Equal((3, "fast-forward", "require_approval"), (forward.Code, (string?)JsonNode.Parse(forward.Out)!["update"], (string?)JsonNode.Parse(forward.Out)!["verdict"]));
            Assert.Equal((1, "force"), (backward.Code, (string?)JsonNode.Parse(backward.Out)!["update"]));
            Assert.Contains("may not be moved", backward.Out);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task GitCheck_UnknownAgentWithoutRole_ExitTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync("git", "check", "--agent", "nobody", "--repo", "app", "--ref", "refs/heads/x");

        Assert.Equal(2, code);
        Assert.Contains("agent 'nobody' is not in the configuration", error);
    }
}
