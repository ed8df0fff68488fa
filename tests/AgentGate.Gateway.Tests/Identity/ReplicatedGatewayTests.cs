using System.Net;
using System.Net.Http.Json;
using AgentGate.Gateway.Tests.Budgets;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static AgentGate.Gateway.Tests.Enforcement.AuthorizeClient;

namespace AgentGate.Gateway.Tests.Identity;

/// <summary>Two real gateways sharing one Redis (AGENTGATE_TEST_REDIS), as two replicas behind a load balancer.</summary>
public sealed class ReplicatedGatewayTests
{
    private static readonly object Destructive = new { kind = "exec", command = "rm -rf /", cwd = "/workspace" };
    private static readonly object Harmless = new { kind = "exec", command = "ls", cwd = "/workspace" };

    [Fact]
    public async Task Token_IssuedAndRevokedOnReplicaA_AcceptedThenRefusedOnReplicaB()
    {
        if (RedisTestServer.Connection is null) return;
        var settings = SharedRedis();
        await using var a = await GatewayTestHost.StartAsync(extra: settings);
        await using var b = await GatewayTestHost.StartAsync(extra: settings);
        var token = await a.IssueTokenAsync();
        Assert.Same(a.Gateway.Services.GetRequiredService<IConnectionMultiplexer>(), a.Gateway.Services.GetRequiredService<AgentGate.Gateway.Identity.SharedRedis>().Connection);

        var (accepted, _) = await AuthorizeAsync(b, token, Harmless);
        Assert.Equal(200, accepted);

        using var issued = await a.Admin.PostAsJsonAsync("/admin/tokens", new { agent = "builder-17" });
        var second = await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(200, (await AuthorizeAsync(b, second.GetProperty("token").GetString()!, Harmless)).Status);
        using var revoke = await a.Admin.DeleteAsync("/admin/tokens/" + second.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        await TokenStoreTests.Eventually(async () => (await AuthorizeAsync(b, second.GetProperty("token").GetString()!, Harmless)).Status == 401, "replica B to refuse the revoked token");
        Assert.Equal(200, (await AuthorizeAsync(b, token, Harmless)).Status);
    }

    [Fact]
    public async Task Approval_HeldOnBApprovedOnA_ExactlyOneRetryThroughOnEitherReplica()
    {
        if (RedisTestServer.Connection is null) return;
        var settings = SharedRedis();
        await using var a = await GatewayTestHost.StartAsync(extra: settings);
        await using var b = await GatewayTestHost.StartAsync(extra: settings);
        var token = await a.IssueTokenAsync();

        var (_, held) = await AuthorizeAsync(b, token, Destructive);
        var id = held.GetProperty("approval_id").GetString()!;
        var (_, heldOnA) = await AuthorizeAsync(a, token, Destructive);
        Assert.Equal(id, heldOnA.GetProperty("approval_id").GetString());
        using var listed = await a.Admin.GetAsync("/admin/approvals/" + id);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        using var approve = await a.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var (_, allowed) = await AuthorizeAsync(b, token, Destructive);
        Assert.True(allowed.GetProperty("allow").GetBoolean());
        Assert.Equal(id, allowed.GetProperty("approval_id").GetString());
        var (_, againOnA) = await AuthorizeAsync(a, token, Destructive);
        Assert.False(againOnA.GetProperty("allow").GetBoolean());
        Assert.NotEqual(id, againOnA.GetProperty("approval_id").GetString());
        var audit = await a.ReadAuditAsync();
        Assert.Contains(audit, r => r.Kind == "approval" && r.ApprovalId == id && r.Reason == "approved by alice");
    }

    private static Dictionary<string, string?> SharedRedis()
    {
        var prefix = $"agtest:{{{Guid.NewGuid():N}}}:";
        return new Dictionary<string, string?>
        {
            ["AgentGate:Redis:Configuration"] = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS"),
            ["AgentGate:Tokens:KeyPrefix"] = prefix,
            ["AgentGate:Budgets:KeyPrefix"] = prefix + "budgets:",
        };
    }
}
