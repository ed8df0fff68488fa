using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Sandbox.Tokens;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Issues and revokes agent tokens through a running gateway's admin API (POST /admin/tokens, DELETE /admin/tokens/{id})
/// with the admin token. Failures surface as <see cref="FleetCliException"/> carrying the gateway's answer.
/// </summary>
internal sealed class AdminApiTokenIssuer : ITokenIssuer, IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan? _ttl;

    public AdminApiTokenIssuer(Uri adminUrl, string adminToken, TimeSpan? ttl = null, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(adminUrl.ToString().TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        _ttl = ttl;
    }

    public ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken) =>
        IssueAsync(request.Agent.Id, string.IsNullOrEmpty(request.Agent.Task) ? null : request.Agent.Task, _ttl, cancellationToken);

    /// <summary>Issues a token for a configured agent; <paramref name="ttl"/> null means the gateway's default lifetime.</summary>
    public async ValueTask<AgentToken> IssueAsync(string agent, string? task, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        long? ttlSeconds = ttl is { } t ? (long)Math.Ceiling(t.TotalSeconds) : null;
        using var response = await SendAsync(() => _http.PostAsJsonAsync("admin/tokens", new { agent, task, ttlSeconds }, cancellationToken)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new FleetCliException("token_issue_failed", $"the gateway refused a token for agent '{agent}': {(int)response.StatusCode} {body}");
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var value = root.GetProperty("token").GetString();
            var id = root.GetProperty("id").GetString();
            if (string.IsNullOrEmpty(value) || string.IsNullOrEmpty(id))
                throw new FleetCliException("token_issue_failed", "the gateway's token answer has no token or id");
            DateTimeOffset? expires = root.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.String ? e.GetDateTimeOffset() : null;
            return new AgentToken(id, value, expires);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FleetCliException("token_issue_failed", "the gateway's token answer is not valid JSON: " + ex.Message);
        }
    }

    public async ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.DeleteAsync("admin/tokens/" + Uri.EscapeDataString(tokenId), cancellationToken)).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new FleetCliException("token_revoke_failed", $"the gateway refused to revoke token '{tokenId}': {(int)response.StatusCode} {body}");
    }

    /// <summary>The gateway's instance id (GET /admin/agents), the label that tells the reaper whose containers are whose.</summary>
    public async Task<string> GetGatewayInstanceAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.GetAsync("admin/agents", cancellationToken)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new FleetCliException("gateway_error", $"the gateway refused GET /admin/agents: {(int)response.StatusCode} {body}");
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("gateway", out var g) && g.GetString() is { Length: > 0 } id
                ? id
                : throw new FleetCliException("gateway_error", "the gateway's GET /admin/agents answer names no gateway instance");
        }
        catch (JsonException ex)
        {
            throw new FleetCliException("gateway_error", "the gateway's GET /admin/agents answer is not JSON: " + ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new FleetCliException("gateway_unreachable", $"cannot reach the admin API at {_http.BaseAddress}: {ex.Message}");
        }
    }
}
