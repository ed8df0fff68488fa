using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Guards.ClaudeCode;

namespace AgentGate.Gateway.Cli;

/// <summary>
/// <c>agentgate hook claude-code</c>: Claude Code's PreToolUse hook. Reads the hook payload on stdin, asks
/// the gateway's <c>/v1/authorize</c>, and blocks (exit 2, reason on stderr) on deny, on a held approval,
/// on a malformed payload, and when the gateway cannot be reached — it fails closed.
/// </summary>
internal static class HookCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var gateway = new Option<string?>("--gateway") { Description = "Agent listener URL; default $AGENTGATE_URL" };
        var token = new Option<string?>("--token") { Description = "Agent token; default $AGENTGATE_TOKEN, then $ANTHROPIC_API_KEY" };
        var claude = new Command("claude-code", "PreToolUse hook for Claude Code (reads the hook JSON on stdin)") { gateway, token };
        claude.SetAction((parse, ct) => RunAsync(parse.GetValue(gateway), parse.GetValue(token), Console.In, ct));
        return new Command("hook", "Drop-in hooks for agent frameworks") { claude };
    }

    public static async Task<int> RunAsync(string? gatewayUrl, string? token, TextReader stdin, CancellationToken cancellationToken)
    {
        var response = await DecideAsync(gatewayUrl, token, await stdin.ReadToEndAsync(cancellationToken), cancellationToken);
        Console.Out.Write(response.Stdout);
        Console.Error.Write(response.Stderr);
        return response.ExitCode;
    }

    private static async Task<HookResponse> DecideAsync(string? gatewayUrl, string? token, string payload, CancellationToken cancellationToken)
    {
        var mapping = PreToolUseMapper.Map(payload);
        if (mapping.Error is { } error)
        {
            return HookResponse.DenyByExitCode("AgentGate: malformed hook payload: " + error);
        }

        if (mapping.Passthrough)
        {
            return HookResponse.Allow();
        }

        gatewayUrl ??= Environment.GetEnvironmentVariable("AGENTGATE_URL");
        token ??= Environment.GetEnvironmentVariable("AGENTGATE_TOKEN") ?? Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
        if (string.IsNullOrWhiteSpace(gatewayUrl) || string.IsNullOrWhiteSpace(token))
        {
            return HookResponse.DenyByExitCode("AgentGate: no gateway configured (set AGENTGATE_URL and AGENTGATE_TOKEN); refusing");
        }

        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, gatewayUrl.TrimEnd('/') + "/v1/authorize")
            {
                Content = new StringContent(mapping.AuthorizeRequest!.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (mapping.SessionId is { } session)
            {
                request.Headers.Add("x-agentgate-session", session);
            }

            using var answer = await http.SendAsync(request, cancellationToken);
            var body = await answer.Content.ReadAsStringAsync(cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                return HookResponse.DenyByExitCode($"AgentGate: gateway answered {(int)answer.StatusCode}: {body}");
            }

            using var decision = JsonDocument.Parse(body);
            var root = decision.RootElement;
            if (root.TryGetProperty("allow", out var allow) && allow.ValueKind == JsonValueKind.True)
            {
                return HookResponse.Allow();
            }

            var reason = root.TryGetProperty("reason", out var r) ? r.GetString() : "denied by policy";
            if (root.TryGetProperty("approval_id", out var id))
            {
                reason += $" (held for human approval {id.GetString()}; retry after it is approved)";
            }

            return HookResponse.DenyByExitCode("AgentGate: " + reason);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return HookResponse.DenyByExitCode("AgentGate: gateway unreachable, refusing (fail closed): " + ex.Message);
        }
    }
}
