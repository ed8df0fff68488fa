namespace AgentGate.Gateway.Tests.Cli;

[Collection("Console")]
public sealed class ServeCliTests
{
    [Fact]
    public async Task Serve_MissingConfigFile_ExitsTwoNamingFile()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--config", "/nonexistent/agentgate.json");

        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/agentgate.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfigFile_ExitsTwoListingEveryProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentgate-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            { "AgentGate": { "Listeners": { "Agent": "http://127.0.0.1:0", "Admin": "nope" },
              "Providers": { "anthropic": { "Type": "anthropic", "BaseUrl": "https://api.anthropic.com", "Secret": "sk-ant-literal" } } } }
            """);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("serve", "--config", path);

            Assert.Equal(2, code);
            Assert.Contains("AgentGate:Listeners:Admin: 'nope'", error, StringComparison.Ordinal);
            Assert.Contains("AgentGate:Providers:anthropic:Secret", error, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-ant-literal", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
