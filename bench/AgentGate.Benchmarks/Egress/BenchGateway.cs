using System.Text.Json.Nodes;
using AgentGate.Gateway.Guards.Network;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Benchmarks.Egress;

/// <summary>
/// An in-process gateway serving the benchmark repository at <c>/git/bench</c> and allowing egress to
/// <c>serverName:port</c> (a copy of the shipped policy with that host and port added; loopback exempted
/// from the destination guard, every name resolved to loopback). Audit is on, as in production.
/// </summary>
internal static class BenchGateway
{
    public static async Task<(RunningGateway Gateway, string Token)> StartAsync(string root, string bare, string serverName, int port)
    {
        var policies = Path.Combine(root, "policies");
        CopyDirectory(FindPolicies(), policies);
        var lanesPath = Path.Combine(policies, "data", "lanes.json");
        var lanes = JsonNode.Parse(await File.ReadAllTextAsync(lanesPath))!.AsObject();
        lanes["egress_allow"] = new JsonArray(serverName);
        lanes["egress_ports"] = new JsonArray(443, port);
        await File.WriteAllTextAsync(lanesPath, lanes.ToJsonString());
        var gateway = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["AgentGate:Listeners:Agent"] = "http://127.0.0.1:0",
                ["AgentGate:Listeners:Admin"] = "http://127.0.0.1:0",
                ["AgentGate:Agents:bench:Role"] = "builder",
                ["AgentGate:Audit:Path"] = Path.Combine(root, "audit.jsonl"),
                ["AgentGate:Policy:Path"] = policies,
                ["AgentGate:Policy:Watch"] = "false",
                ["AgentGate:Git:Repos:bench:Upstream"] = new Uri(bare).AbsoluteUri,
            },
            ConfigureServices = services => services
                .AddSingleton<IHostResolver, BenchResolver>()
                .AddSingleton(new DestinationGuardOptions { AllowedRanges = [Cidr.Parse("127.0.0.1/32")] }),
            ConfigureLogging = logging => logging.ClearProviders(),
        });
        var token = (await gateway.Services.GetRequiredService<TokenStore>().IssueAsync("bench", "BENCH", TimeSpan.FromHours(1), CancellationToken.None)).Token!.Token;
        return (gateway, token);
    }

    private static string FindPolicies()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "policies", "data", "lanes.json")))
                {
                    return Path.Combine(dir.FullName, "policies");
                }
            }
        }

        throw new DirectoryNotFoundException("run the benchmark inside the repository: policies/ was not found");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
