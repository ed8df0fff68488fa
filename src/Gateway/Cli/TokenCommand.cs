using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate token issue …</c>: asks a running gateway's admin API for an agent token.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var agent = new Option<string>("--agent") { Description = "Agent id (must be configured)", Required = true };
        var task = new Option<string?>("--task") { Description = "Task the token is for, e.g. ISSUE-342" };
        var ttl = new Option<string?>("--ttl") { Description = "Lifetime: 90s, 15m, 2h, 1d (default: gateway's default)" };
        var adminUrl = new Option<string>("--admin-url") { Description = "Admin listener", DefaultValueFactory = _ => "http://127.0.0.1:9090" };
        var adminToken = new Option<string?>("--admin-token") { Description = "Admin token (default: $AGENTGATE_ADMIN_TOKEN)" };

        var issue = new Command("issue", "Issue an agent token") { agent, task, ttl, adminUrl, adminToken };
        issue.SetAction((parse, cancellationToken) => IssueAsync(
            parse.GetValue(agent)!, parse.GetValue(task), parse.GetValue(ttl), parse.GetValue(adminUrl)!,
            parse.GetValue(adminToken) ?? Environment.GetEnvironmentVariable("AGENTGATE_ADMIN_TOKEN"), cancellationToken));

        return new Command("token", "Manage agent tokens") { issue };
    }

    private static async Task<int> IssueAsync(string agent, string? task, string? ttl, string adminUrl, string? adminToken, CancellationToken cancellationToken)
    {
        long? ttlSeconds = null;
        if (ttl is not null)
        {
            if (!DurationParser.TryParse(ttl, out var duration))
            {
                await Console.Error.WriteLineAsync($"--ttl '{ttl}' is not a duration like 90s, 15m, 2h, 1d");
                return 2;
            }

            ttlSeconds = (long)duration.TotalSeconds;
        }

        if (string.IsNullOrEmpty(adminToken))
        {
            await Console.Error.WriteLineAsync("an admin token is required: --admin-token or AGENTGATE_ADMIN_TOKEN");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = new Uri(adminUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        try
        {
            using var response = await http.PostAsJsonAsync("admin/tokens", new { agent, task, ttlSeconds }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{(int)response.StatusCode}: {body}");
                return 1;
            }

            Console.WriteLine(body);
            return 0;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"cannot reach {adminUrl}: {ex.Message}");
            return 1;
        }
    }
}
