using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Asks the gateway's POST /v1/authorize whether an agent may run a command: issues a short-lived token for the
/// agent through the admin API, asks as that agent, and revokes the token whatever the answer.
/// </summary>
internal sealed class SandboxAuthorizer(AdminApiTokenIssuer tokens, Uri gatewayUrl)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);

    public async Task<(bool Allowed, string Reason)> AuthorizeExecAsync(string agent, string command, CancellationToken cancellationToken)
    {
        var token = await tokens.IssueAsync(agent, null, TokenLifetime, cancellationToken);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var body = new JsonObject { ["action"] = new JsonObject { ["kind"] = "exec", ["command"] = command } };
            using var request = new HttpRequestMessage(HttpMethod.Post, gatewayUrl.ToString().TrimEnd('/') + "/v1/authorize")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            using var answer = await http.SendAsync(request, cancellationToken);
            var text = await answer.Content.ReadAsStringAsync(cancellationToken);
            if (!answer.IsSuccessStatusCode)
                throw new FleetCliException("authorize_failed", $"the gateway answered {(int)answer.StatusCode} to /v1/authorize: {text}");
            using var decision = JsonDocument.Parse(text);
            var root = decision.RootElement;
            var allowed = root.TryGetProperty("allow", out var allow) && allow.ValueKind == JsonValueKind.True;
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : allowed ? "allowed" : "denied by policy";
            if (root.TryGetProperty("approval_id", out var id)) reason += $" (held for human approval {id})";
            return (allowed, reason);
        }
        catch (HttpRequestException ex)
        {
            throw new FleetCliException("gateway_unreachable", $"cannot reach the gateway at {gatewayUrl}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new FleetCliException("authorize_failed", "the gateway's decision is not JSON: " + ex.Message);
        }
        finally
        {
            await tokens.RevokeAsync(token.Id, CancellationToken.None);
        }
    }

    /// <summary>Joins argv into the one shell-like string the policy sees, quoting arguments that need it.</summary>
    public static string JoinCommand(IReadOnlyList<string> argv) =>
        string.Join(' ', argv.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? a
            : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}
