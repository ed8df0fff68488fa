using System.Text.Json.Nodes;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.GitProxy;

public sealed class GitAdminTests
{
    [Fact]
    public async Task AdminGitRepos_ListsReposWithSecretReferenceNotValue()
    {
        var variable = "AG_TEST_GIT_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "ghp_admin-listing-secret-value");
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Git:Repos:app:Upstream"] = "file:///srv/git/app.git",
            ["AgentGate:Git:Repos:svc:Upstream"] = "https://user:pw@git.example.com/org/svc.git",
            ["AgentGate:Git:Repos:svc:Secret"] = "env:" + variable,
            ["AgentGate:Git:MaxPushBytes"] = "1048576",
        });

        var text = await host.Admin.GetStringAsync("/admin/git/repos");
        using var agentSide = await host.Agent.GetAsync("/admin/git/repos");

        var json = JsonNode.Parse(text)!;
        Assert.Equal(["app", "svc"], json["repos"]!.AsArray().Select(r => (string)r!["name"]!));
        Assert.Equal(("remote", "https://git.example.com/org/svc.git", "env:" + variable), ((string?)json["repos"]![1]!["kind"], (string?)json["repos"]![1]!["upstream"], (string?)json["repos"]![1]!["secret"]));
        Assert.Equal(1048576, (long)json["max_push_bytes"]!);
        Assert.DoesNotContain("ghp_admin-listing-secret-value", text);
        Assert.DoesNotContain("pw@", text);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, agentSide.StatusCode);
    }

    [Fact]
    public async Task AdminEgress_ShowsGuardAndLeakStopLimits()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var json = JsonNode.Parse(await host.Admin.GetStringAsync("/admin/egress"))!;

        Assert.Contains("CloudMetadata", json["refused_address_classes"]!.AsArray().Select(c => (string)c!));
        Assert.True((bool)json["tunnel"]!["tls_server_name_must_match"]!);
        Assert.True((int)json["leak_stop"]!["registered_secrets"]! >= 1);
    }
}
