using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;
using static AgentGate.Gateway.Tests.Enforcement.AuthorizeClient;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class PolicyReloadTests
{
    private static Task<GatewayTestHost> StartAsync(PolicyDirectory policies, bool watch = false) =>
        GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Policy:Path"] = policies.Path,
            ["AgentGate:Policy:Watch"] = watch ? "true" : "false",
        });

    private static async Task<JsonElement> StatusAsync(GatewayTestHost host) =>
        await host.Admin.GetFromJsonAsync<JsonElement>("/admin/policy");

    private static string ActiveRevision(JsonElement status) => status.GetProperty("active").GetProperty("revision").GetString()!;

    [Fact]
    public async Task Reload_BrokenModule_KeepsLastGoodBundleAndReportsFailure()
    {
        using var policies = new PolicyDirectory();
        await using var host = await StartAsync(policies);
        var token = await host.IssueTokenAsync();
        var before = ActiveRevision(await StatusAsync(host));

        policies.Write("agentgate/broken.rego", "package agentgate.broken\n\nallow if {\n");
        using var reload = await host.Admin.PostAsync("/admin/policy/reload", null);

        Assert.Equal((HttpStatusCode)422, reload.StatusCode);
        var status = await StatusAsync(host);
        Assert.Equal(before, ActiveRevision(status));
        Assert.Contains("broken.rego", status.GetProperty("lastFailure").GetProperty("errors")[0].GetString());
        var ready = await host.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Contains("rejected", ready.GetProperty("checks").GetProperty("policy").GetProperty("detail").GetString());
        var (_, decision) = await AuthorizeAsync(host, token, new { kind = "exec", command = "ls" });
        Assert.True(decision.GetProperty("allow").GetBoolean());
        Assert.Equal(before, decision.GetProperty("policy_revision").GetString());
    }

    [Fact]
    public async Task Reload_FailingRegoTest_NotActivated()
    {
        using var policies = new PolicyDirectory();
        await using var host = await StartAsync(policies);
        var before = ActiveRevision(await StatusAsync(host));

        policies.Write("agentgate/extra_test.rego", "package agentgate.extra_test\n\nimport rego.v1\n\ntest_always_fails if {\n\t1 == 2\n}\n");
        using var reload = await host.Admin.PostAsync("/admin/policy/reload", null);

        Assert.Equal((HttpStatusCode)422, reload.StatusCode);
        var body = await reload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("test_always_fails", body.GetProperty("errors")[0].GetString());
        Assert.Equal(before, ActiveRevision(await StatusAsync(host)));
    }

    [Fact]
    public async Task Reload_ValidDataChange_ActivatesNewRevisionAndDecisionsFollow()
    {
        using var policies = new PolicyDirectory();
        await using var host = await StartAsync(policies);
        var token = await host.IssueTokenAsync();
        var (_, denied) = await AuthorizeAsync(host, token, new { kind = "exec", command = "ruby -e 1" });
        Assert.False(denied.GetProperty("allow").GetBoolean());

        policies.Write("data/roles.json", policies.Read("data/roles.json").Replace("\"ls\", \"cat\", \"head\"", "\"ruby\", \"ls\", \"cat\", \"head\"", StringComparison.Ordinal));
        using var reload = await host.Admin.PostAsync("/admin/policy/reload", null);

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        var (_, allowed) = await AuthorizeAsync(host, token, new { kind = "exec", command = "ruby -e 1" });
        Assert.True(allowed.GetProperty("allow").GetBoolean());
        Assert.NotEqual(denied.GetProperty("policy_revision").GetString(), allowed.GetProperty("policy_revision").GetString());
        var audit = await host.ReadAuditAsync();
        Assert.Equal(allowed.GetProperty("policy_revision").GetString(), audit.Last().PolicyRevision);
    }

    [Fact]
    public async Task Watcher_FileChanged_ActivatesWithoutManualReload()
    {
        using var policies = new PolicyDirectory();
        await using var host = await StartAsync(policies, watch: true);
        var before = ActiveRevision(await StatusAsync(host));

        policies.Write("data/extra.json", "{\"note\": \"changed\"}");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string now;
        do
        {
            await Task.Delay(100);
            now = ActiveRevision(await StatusAsync(host));
        }
        while (now == before && DateTime.UtcNow < deadline);
        Assert.NotEqual(before, now);
    }

    [Fact]
    public async Task Start_WithNoValidBundle_FailsClosedAndNotReady()
    {
        using var policies = new PolicyDirectory();
        policies.Write("agentgate/decision.rego", "package agentgate\n\ndecision := {\n");
        await using var host = await StartAsync(policies);
        var token = await host.IssueTokenAsync();

        var (_, decision) = await AuthorizeAsync(host, token, new { kind = "exec", command = "ls" });
        using var ready = await host.Admin.GetAsync("/readyz");

        Assert.False(decision.GetProperty("allow").GetBoolean());
        Assert.Equal("agentgate.fail_closed", decision.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task OpaDataApi_QueriesActiveBundle()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var input = new
        {
            agent = new { id = "builder-17", role = "builder", lane = "auth", owner = "sam" },
            action = new { kind = "exec", argv = new[] { "curl", "x" } },
        };

        using var response = await host.Admin.PostAsJsonAsync("/v1/data/agentgate/decision", new { input });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("result").GetProperty("allow").GetBoolean());
    }
}
