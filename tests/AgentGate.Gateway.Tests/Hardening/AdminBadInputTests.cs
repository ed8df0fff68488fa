namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>Admin listener × hostile input: every row must answer its 4xx with the structured error naming the bad field.</summary>
public sealed class AdminBadInputTests(HardeningHost fixture) : IClassFixture<HardeningHost>
{
    private const string Json = "application/json";
    private const string Bad = "bad_request";
    private const string Tokens = "/admin/tokens";
    private const string Limit = "/admin/budgets/limits/agent:builder-17:tokens";
    private const string CostLimit = "/admin/budgets/limits/agent:builder-17:cost";
    private const string Approve = "/admin/approvals/apr_nope/approve";

    public static TheoryData<string, string, string?, string?, int, string, string?> Cases => new()
    {
        // POST /admin/tokens
        { "POST", Tokens, null, null, 400, Bad, "required" },
        { "POST", Tokens, "", Json, 400, Bad, "required" },
        { "POST", Tokens, "agent=builder-17", "application/x-www-form-urlencoded", 400, Bad, "body must be" },
        { "POST", Tokens, "not json", Json, 400, Bad, "body must be" },
        { "POST", Tokens, "[1,2]", Json, 400, Bad, "body must be" },
        { "POST", Tokens, "\"builder-17\"", Json, 400, Bad, "body must be" },
        { "POST", Tokens, "null", Json, 400, Bad, "null" },
        { "POST", Tokens, "{\"agent\":null}", Json, 400, Bad, "agent" },
        { "POST", Tokens, "{\"agent\":123}", Json, 400, Bad, "agent" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":\"soon\"}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":1e30}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":9223372036854775807}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":-5}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":0}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":1.5}", Json, 400, Bad, "ttlSeconds" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"ttl\":60}", Json, 400, Bad, "ttl" },
        { "POST", Tokens, "{\"agent\":\"builder-17\",\"task\":{\"id\":1}}", Json, 400, Bad, "task" },
        { "POST", Tokens, "{\"agent\":\"" + BadRequests.InvalidUtf8 + "\"}", Json, 400, Bad, "UTF-8" },
        { "POST", Tokens, "{\"agent\":\"" + new string('x', 20_000) + "\"}", Json, 400, "unknown_agent", "not configured" },
        { "POST", Tokens, "{\"agent\":\"" + BadRequests.LargeText + "\"}", Json, 413, "request_too_large", "bytes" },
        { "GET", Tokens, null, null, 405, "method_not_allowed", "POST" },
        { "PUT", Tokens + "/tok_1", "{}", Json, 405, "method_not_allowed", "DELETE" },

        // DELETE /admin/tokens/{id}
        { "DELETE", Tokens + "/tok_nope", null, null, 404, "not_found", "tok_nope" },
        { "DELETE", Tokens + "/a%2Fb", null, null, 404, "not_found", "not known" },
        { "DELETE", Tokens + "/" + new string('z', 5000), null, null, 404, "not_found", "not known" },
        { "DELETE", Tokens + "/a/b", null, null, 404, "not_found", "no route" },

        // PUT /admin/budgets/limits/{id}
        { "PUT", Limit, null, null, 400, Bad, "required" },
        { "PUT", Limit, "not json", Json, 400, Bad, "body must be" },
        { "PUT", Limit, "[150]", Json, 400, Bad, "body must be" },
        { "PUT", Limit, "{\"limit\":\"lots\"}", Json, 400, Bad, "limit" },
        { "PUT", Limit, "{\"limit\":1e30}", Json, 400, Bad, "limit" },
        { "PUT", Limit, "{\"limit\":1e20}", Json, 400, Bad, "limit" },
        { "PUT", CostLimit, "{\"limit\":1e20}", Json, 400, Bad, "limit" },
        { "PUT", Limit, "{\"limit\":-1}", Json, 400, Bad, "negative" },
        { "PUT", Limit, "{\"limit\":5,\"scope\":\"x\"}", Json, 400, Bad, "scope" },
        { "PUT", Limit, "{\"limit\":5,\"by\":7}", Json, 400, Bad, "by" },
        { "PUT", "/admin/budgets/limits/nope", "{\"limit\":5}", Json, 400, Bad, "nope" },
        { "PUT", "/admin/budgets/limits/agent::tokens", "{\"limit\":5}", Json, 400, Bad, "scope:name:unit" },
        { "PUT", "/admin/budgets/limits/fleet%3Abuilder%3Acost", "{\"limit\":5}", Json, 400, Bad, "fleet name '*'" },
        { "PUT", Limit, BadRequests.LargeText, Json, 413, "request_too_large", "bytes" },
        { "POST", "/admin/budgets", "{}", Json, 405, "method_not_allowed", "GET" },

        // approvals
        { "GET", "/admin/approvals/apr_nope", null, null, 404, "not_found", "apr_nope" },
        { "POST", Approve, "{\"approver\":\"alice\"}", Json, 404, "not_found", "apr_nope" },
        { "POST", Approve, null, null, 400, Bad, "required" },
        { "POST", Approve, "not json", Json, 400, Bad, "body must be" },
        { "POST", Approve, "[\"alice\"]", Json, 400, Bad, "body must be" },
        { "POST", Approve, "{\"approver\":5}", Json, 400, Bad, "approver" },
        { "POST", Approve, "{\"approver\":\"alice\",\"approved\":true}", Json, 400, Bad, "approved" },
        { "POST", Approve, "{\"approver\":\"\"}", Json, 400, Bad, "approver" },
        { "POST", Approve, "{\"approver\":\"" + BadRequests.LargeText + "\"}", Json, 413, "request_too_large", "bytes" },
        { "DELETE", "/admin/approvals", null, null, 405, "method_not_allowed", "GET" },

        // policy and OPA's data API
        { "POST", "/v1/data/agentgate/exec", "not json", Json, 400, Bad, "JSON" },
        { "POST", "/v1/data/agentgate/exec", "{\"input\":" + BadRequests.InvalidUtf8 + "}", Json, 400, Bad, "JSON" },
        { "POST", "/v1/data/1bad/x", "{}", Json, 400, Bad, "1bad" },
        { "POST", "/v1/data/agentgate", "{\"input\":" + new string('[', 200) + new string(']', 200) + "}", Json, 400, Bad, "nested deeper" },
        { "POST", "/v1/data/a%2Fb", "{}", Json, 400, Bad, "a%2Fb" },
        { "POST", "/v1/data/agentgate", BadRequests.LargeText, Json, 413, "request_too_large", "bytes" },
        { "GET", "/admin/policy/reload", null, null, 405, "method_not_allowed", "POST" },
        { "PUT", "/admin/policy", "{}", Json, 405, "method_not_allowed", "GET" },

        // read-only admin resources, readiness, unknown paths
        { "POST", "/admin/agents", "{}", Json, 405, "method_not_allowed", "GET" },
        { "DELETE", "/admin/git/repos", null, null, 405, "method_not_allowed", "GET" },
        { "POST", "/admin/egress", "{}", Json, 405, "method_not_allowed", "GET" },
        { "POST", "/readyz", "{}", Json, 405, "method_not_allowed", "GET" },
        { "GET", "/admin/nope", null, null, 404, "not_found", "/admin/nope" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AdminEndpoint_BadInput_StructuredError(string method, string path, string? body, string? contentType, int status, string type, string? mentions)
    {
        using var request = BadRequests.Create(method, path, body, contentType);

        using var response = await fixture.Host.Admin.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, status, type, mentions);
    }

    public static TheoryData<string, string, string?> Unauthenticated => new()
    {
        { "POST", Tokens, null },
        { "POST", Tokens, "Bearer wrong" },
        { "DELETE", Tokens + "/tok_1", "Basic YWRtaW46YWRtaW4=" },
        { "GET", "/admin/budgets", "Bearer " },
        { "PUT", Limit, "bearer" },
        { "GET", "/admin/approvals", "Bearer agt_notanadmintoken" },
        { "GET", "/admin/policy", null },
        { "GET", "/admin/agents", null },
        { "GET", "/admin/git/repos", null },
        { "GET", "/admin/egress", null },
        { "POST", "/v1/data/agentgate", null },
        { "GET", "/metrics", null },
        // a wrong method does not reveal more than a right one: still 401 without the admin token
        { "GET", Tokens, null },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task AdminEndpoint_MissingOrWrongAdminToken_401Structured(string method, string path, string? authorization)
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Gateway.AdminAddress };
        using var request = BadRequests.Create(method, path, method is "GET" or "DELETE" ? null : "{\"agent\":\"builder-17\"}");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await anonymous.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 401, "unauthenticated", "admin token");
    }

    [Fact]
    public async Task PostTokens_JsonBodyWithoutContentType_StillIssues()
    {
        using var request = BadRequests.Create("POST", Tokens, "{\"agent\":\"builder-17\",\"ttlSeconds\":60}", "application/x-www-form-urlencoded");

        using var response = await fixture.Host.Admin.SendAsync(request);

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task PutLimit_TextPlainJson_Accepted()
    {
        using var request = BadRequests.Create("PUT", "/admin/budgets/limits/task:hardening-T:tokens", "{\"limit\":5,\"by\":\"sam\"}", "text/plain");

        using var response = await fixture.Host.Admin.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
