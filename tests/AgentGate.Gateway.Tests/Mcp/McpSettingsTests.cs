using AgentGate.Gateway.Config;
using AgentGate.Gateway.Mcp;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Tests.Mcp;

public sealed class McpSettingsTests
{
    private static (McpSettings Settings, List<ConfigError> Problems) Read(Dictionary<string, string?> values)
    {
        var problems = new List<ConfigError>();
        var settings = McpSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), problems);
        return (settings, problems);
    }

    [Fact]
    public void Read_HttpAndStdioServers_ParsesSecretHeaderArgsAndEnv()
    {
        var (settings, problems) = Read(new()
        {
            ["AgentGate:Mcp:Servers:docs:Url"] = "https://docs.example/mcp",
            ["AgentGate:Mcp:Servers:docs:Secret"] = "file:/run/secrets/docs",
            ["AgentGate:Mcp:Servers:docs:SecretHeader"] = "X-Api-Key",
            ["AgentGate:Mcp:Servers:github:Url"] = "https://api.example/mcp/",
            ["AgentGate:Mcp:Servers:issues:Command"] = "npx",
            ["AgentGate:Mcp:Servers:issues:Args:0"] = "-y",
            ["AgentGate:Mcp:Servers:issues:Args:1"] = "@acme/issues",
            ["AgentGate:Mcp:Servers:issues:Env:TOKEN"] = "env:ISSUES_TOKEN",
            ["AgentGate:Mcp:Servers:issues:Env:MODE"] = "ci",
            ["AgentGate:Mcp:MaxRequestBytes"] = "8192",
        });

        Assert.Empty(problems);
        Assert.Equal(("X-Api-Key", ""), (settings.Servers["docs"].SecretHeaderName, settings.Servers["docs"].SecretPrefix));
        Assert.Equal(("Authorization", "Bearer"), (settings.Servers["github"].SecretHeaderName, settings.Servers["github"].SecretPrefix));
        Assert.True(settings.Servers["issues"].IsStdio);
        Assert.Equal(["-y", "@acme/issues"], settings.Servers["issues"].Args);
        Assert.Equal(new SecretReference(SecretSource.Environment, "ISSUES_TOKEN"), settings.Servers["issues"].Env["TOKEN"].Secret);
        Assert.Equal("ci", settings.Servers["issues"].Env["MODE"].Literal);
        Assert.Equal(8192, settings.MaxRequestBytes);
    }

    [Fact]
    public void Read_BadEntries_ReportsEveryProblemWithItsKeyAndNeverALiteralSecret()
    {
        var (settings, problems) = Read(new()
        {
            ["AgentGate:Mcp:Servers:both:Url"] = "http://a/mcp",
            ["AgentGate:Mcp:Servers:both:Command"] = "srv",
            ["AgentGate:Mcp:Servers:ftp:Url"] = "ftp://a/mcp",
            ["AgentGate:Mcp:Servers:leaky:Url"] = "http://a/mcp",
            ["AgentGate:Mcp:Servers:leaky:Secret"] = "ghp_literalsecretvalue",
            ["AgentGate:Mcp:Servers:Upper:Url"] = "http://a/mcp",
            ["AgentGate:Mcp:MaxRequestBytes"] = "12",
        });

        Assert.Empty(settings.Servers);
        var keys = problems.Select(p => p.Key).ToArray();
        Assert.Contains("AgentGate:Mcp:Servers:both", keys);
        Assert.Contains("AgentGate:Mcp:Servers:ftp:Url", keys);
        Assert.Contains("AgentGate:Mcp:Servers:leaky:Secret", keys);
        Assert.Contains("AgentGate:Mcp:Servers:Upper", keys);
        Assert.Contains("AgentGate:Mcp:MaxRequestBytes", keys);
        Assert.DoesNotContain(problems, p => p.Message.Contains("ghp_literalsecretvalue", StringComparison.Ordinal));
    }
}
