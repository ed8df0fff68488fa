using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;
using static AgentGate.Gateway.Tests.Enforcement.AuthorizeClient;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class ApprovalFlowTests
{
    private static readonly object Destructive = new { kind = "exec", command = "rm -rf /", cwd = "/workspace" };

    [Fact]
    public async Task Approval_ApprovedByAnotherHuman_LetsExactlyOneIdenticalRetryThrough()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();

        var (_, held) = await AuthorizeAsync(host, token, Destructive);
        Assert.False(held.GetProperty("allow").GetBoolean());
        Assert.NotEmpty(Strings(held.GetProperty("require_approval")));
        var id = held.GetProperty("approval_id").GetString()!;

        var (_, heldAgain) = await AuthorizeAsync(host, token, Destructive);
        Assert.Equal(id, heldAgain.GetProperty("approval_id").GetString());

        using var approve = await host.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice", comment = "cleanup of scratch box" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var (_, other) = await AuthorizeAsync(host, token, new { kind = "exec", command = "rm -rf ~", cwd = "/workspace" });
        Assert.False(other.GetProperty("allow").GetBoolean());

        var (_, allowed) = await AuthorizeAsync(host, token, Destructive);
        Assert.True(allowed.GetProperty("allow").GetBoolean());
        Assert.Equal(id, allowed.GetProperty("approval_id").GetString());

        var (_, third) = await AuthorizeAsync(host, token, Destructive);
        Assert.False(third.GetProperty("allow").GetBoolean());
        Assert.NotEqual(id, third.GetProperty("approval_id").GetString());

        var audit = await host.ReadAuditAsync();
        Assert.Contains(audit, r => r.Kind == "approval" && r.ApprovalId == id && r.Reason == "approved by alice");
        Assert.Contains(audit, r => r.Kind == "exec" && r.Decision == "allow" && r.ApprovalId == id);
    }

    [Theory]
    [InlineData("sam", "separation_of_duties")]
    [InlineData("builder-17", "separation_of_duties")]
    [InlineData("", "bad_request")]
    public async Task Approval_ByOwnerAgentOrNobody_Refused(string approver, string type)
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();
        var (_, held) = await AuthorizeAsync(host, token, Destructive);
        var id = held.GetProperty("approval_id").GetString()!;

        using var response = await host.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver });

        Assert.Equal(type, await ErrorBody.TypeAsync(response));
        var (_, still) = await AuthorizeAsync(host, token, Destructive);
        Assert.False(still.GetProperty("allow").GetBoolean());
    }

    [Fact]
    public async Task Approval_AgentToken_CannotReachApprovals()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();
        var (_, held) = await AuthorizeAsync(host, token, Destructive);
        var id = held.GetProperty("approval_id").GetString()!;
        using var asAgent = new HttpClient { BaseAddress = host.Gateway.AdminAddress };
        asAgent.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var viaAdmin = await asAgent.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });
        using var viaAgentListener = await host.Agent.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });

        Assert.Equal(HttpStatusCode.Unauthorized, viaAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaAgentListener.StatusCode);
    }

    [Fact]
    public async Task Approval_Denied_KeepsCallHeldAndListsState()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();
        var (_, held) = await AuthorizeAsync(host, token, Destructive);
        var id = held.GetProperty("approval_id").GetString()!;

        using var deny = await host.Admin.PostAsJsonAsync($"/admin/approvals/{id}/deny", new { approver = "alice" });
        var list = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/approvals");

        Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
        var entry = list.GetProperty("approvals").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal("denied", entry.GetProperty("state").GetString());
        var (_, again) = await AuthorizeAsync(host, token, Destructive);
        Assert.False(again.GetProperty("allow").GetBoolean());
    }
}
