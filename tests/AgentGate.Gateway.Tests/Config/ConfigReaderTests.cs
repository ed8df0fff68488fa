using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Tests.Config;

public sealed class ConfigReaderTests
{
    private static IConfiguration Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Read_IssueExampleShape_ProducesSnapshot()
    {
        const string json = """
            { "AgentGate": {
                "Listeners": { "Agent": "http://127.0.0.1:8080", "Admin": "http://127.0.0.1:9090" },
                "AdminToken": "env:AGENTGATE_ADMIN_TOKEN",
                "Providers": {
                  "anthropic": { "Type": "anthropic", "BaseUrl": "https://api.anthropic.com", "Secret": "env:ANTHROPIC_API_KEY" },
                  "openai":    { "Type": "openai",    "BaseUrl": "https://api.openai.com",    "Secret": "file:/run/secrets/openai" } },
                "Agents": { "builder-17": { "Role": "builder", "Lane": "auth", "Owner": "sam" } },
                "Audit": { "Path": "data/audit.jsonl" } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

        var config = ConfigReader.Read(configuration, out var errors);

        Assert.Empty(errors);
        Assert.Equal(8080, config!.Listeners.Agent.Port);
        Assert.Equal(9090, config.Listeners.Admin.Port);
        Assert.Equal(new SecretReference(SecretSource.Environment, "AGENTGATE_ADMIN_TOKEN"), config.AdminToken);
        Assert.Equal(ProviderType.OpenAI, config.Providers["openai"].Type);
        Assert.Equal(new SecretReference(SecretSource.File, "/run/secrets/openai"), config.Providers["openai"].Secret);
        Assert.Equal(new AgentConfig("builder-17", "builder", "auth", "sam"), config.Agents["builder-17"]);
        Assert.Equal("data/audit.jsonl", config.Audit.Path);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsAllWithKeyAndValue()
    {
        var configuration = Build(new()
        {
            ["AgentGate:Listeners:Agent"] = "ftp://nowhere",
            ["AgentGate:Providers:anthropic:Type"] = "anthropicx",
            ["AgentGate:Providers:anthropic:BaseUrl"] = "not a url",
            ["AgentGate:Providers:anthropic:Secret"] = "sk-ant-literal-secret",
            ["AgentGate:Agents:builder-17:Lane"] = "auth",
            ["AgentGate:Tokens:MaxTtlSeconds"] = "-5",
        });

        var config = ConfigReader.Read(configuration, out var errors);

        Assert.Null(config);
        var text = string.Join("\n", errors);
        Assert.Contains("AgentGate:Listeners:Agent: 'ftp://nowhere'", text, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Providers:anthropic:Type: 'anthropicx'", text, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Providers:anthropic:BaseUrl: 'not a url'", text, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Providers:anthropic:Secret: literal secret values are not allowed", text, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Agents:builder-17:Role: is required", text, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Tokens:MaxTtlSeconds: '-5'", text, StringComparison.Ordinal);
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void Read_LiteralSecret_NeverEchoesTheSecret()
    {
        var configuration = Build(new()
        {
            ["AgentGate:AdminToken"] = "hunter2-literal",
            ["AgentGate:Providers:x:Type"] = "openai",
            ["AgentGate:Providers:x:BaseUrl"] = "https://example.test",
            ["AgentGate:Providers:x:Secret"] = "sk-literal-value",
        });

        ConfigReader.Read(configuration, out var errors);

        Assert.Equal(2, errors.Count);
        Assert.DoesNotContain(errors, e => e.Message.Contains("hunter2", StringComparison.Ordinal) || e.Message.Contains("sk-literal", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadOrThrow_Invalid_ExceptionListsEveryError()
    {
        var configuration = Build(new()
        {
            ["AgentGate:Listeners:Admin"] = "http://example.com:9090",
            ["AgentGate:Audit:Path"] = " ",
        });

        var ex = Assert.Throws<ConfigurationInvalidException>(() => ConfigReader.ReadOrThrow(configuration));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("AgentGate:Listeners:Admin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Audit:Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Empty_UsesLoopbackDefaults()
    {
        var config = ConfigReader.Read(Build([]), out var errors);

        Assert.Empty(errors);
        Assert.Equal("127.0.0.1:8080", config!.Listeners.Agent.ToString());
        Assert.Equal("127.0.0.1:9090", config.Listeners.Admin.ToString());
        Assert.Null(config.AdminToken);
    }
}
