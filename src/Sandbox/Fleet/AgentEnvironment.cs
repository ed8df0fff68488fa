using System.Globalization;

namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// The environment of an agent container: the gateway token (the only credential), the gateway base URLs,
/// proxy variables (with the token as proxy credentials), and git configuration through GIT_CONFIG_* (the root fs is read-only).
/// </summary>
internal static class AgentEnvironment
{
    public static List<string> Build(string fleet, AgentSpec agent, string tokenValue, string gatewayUrl,
        IReadOnlyDictionary<string, string> repos, IEnumerable<string> extraNoProxy)
    {
        var gw = gatewayUrl.TrimEnd('/');
        var gwHost = new Uri(gw).Host;
        // The forward proxy wants the agent's token (Proxy-Authorization: Basic agent:token); tools take it from the URL.
        var gwUri = new Uri(gw);
        var proxy = $"{gwUri.Scheme}://{Uri.EscapeDataString(agent.Id)}:{Uri.EscapeDataString(tokenValue)}@{gwUri.Authority}";
        var noProxy = string.Join(',', new[] { gwHost, "localhost", "127.0.0.1" }.Concat(extraNoProxy).Distinct(StringComparer.Ordinal));
        var env = new List<string>
        {
            $"AGENTGATE_URL={gw}",
            $"AGENTGATE_FLEET={fleet}",
            $"AGENTGATE_AGENT={agent.Id}",
            $"AGENTGATE_ROLE={agent.Role}",
            $"AGENTGATE_TASK={agent.Task}",
            $"AGENTGATE_TOKEN={tokenValue}",
            $"ANTHROPIC_API_KEY={tokenValue}",
            $"ANTHROPIC_BASE_URL={gw}/llm/anthropic",
            $"OPENAI_API_KEY={tokenValue}",
            $"OPENAI_BASE_URL={gw}/llm/openai/v1",
            $"HTTP_PROXY={proxy}",
            $"HTTPS_PROXY={proxy}",
            $"NO_PROXY={noProxy}",
            $"http_proxy={proxy}",
            $"https_proxy={proxy}",
            $"no_proxy={noProxy}",
            "HOME=/home/agent",
        };

        var git = new List<(string Key, string Value)>
        {
            ("credential.helper", "/usr/local/bin/git-credential-agentgate"),
            ("user.name", agent.Id),
            ("user.email", $"{agent.Id}@agents.agentgate.local"),
        };
        foreach (var name in agent.Repos)
        {
            if (repos.TryGetValue(name, out var original))
            {
                git.Add(($"url.{gw}/git/{name}.insteadOf", original));
            }
        }

        env.Add($"GIT_CONFIG_COUNT={git.Count.ToString(CultureInfo.InvariantCulture)}");
        for (var i = 0; i < git.Count; i++)
        {
            env.Add($"GIT_CONFIG_KEY_{i}={git[i].Key}");
            env.Add($"GIT_CONFIG_VALUE_{i}={git[i].Value}");
        }

        return env;
    }
}
