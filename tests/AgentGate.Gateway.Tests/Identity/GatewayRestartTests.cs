using System.Net.Http.Json;
using AgentGate.Gateway.Approvals;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.Configuration;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AgentGate.Gateway.Tests.Enforcement.AuthorizeClient;

namespace AgentGate.Gateway.Tests.Identity;

public sealed class GatewayRestartTests : IDisposable
{
    private static readonly object Harmless = new { kind = "exec", command = "ls", cwd = "/workspace" };

    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-restart-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Restart_WithTokenFile_AgentStaysLoggedIn()
    {
        var path = Path.Combine(_directory, "tokens.jsonl");
        var settings = new Dictionary<string, string?> { ["AgentGate:Tokens:Path"] = path };
        string token;
        await using (var first = await GatewayTestHost.StartAsync(extra: settings))
        {
            token = await first.IssueTokenAsync();
            Assert.IsType<FileTokenRepository>(first.Gateway.Services.GetRequiredService<ITokenRepository>());
        }

        await using var second = await GatewayTestHost.StartAsync(extra: settings);

        Assert.Equal(200, (await AuthorizeAsync(second, token, Harmless)).Status);
    }

    [Fact]
    public async Task Restart_WithTokenFile_ApprovalGivenBeforeLetsOneRetryThroughAfter()
    {
        var settings = new Dictionary<string, string?> { ["AgentGate:Tokens:Path"] = Path.Combine(_directory, "tokens.jsonl") };
        var destructive = new { kind = "exec", command = "rm -rf /", cwd = "/workspace" };
        string token, id;
        await using (var first = await GatewayTestHost.StartAsync(extra: settings))
        {
            token = await first.IssueTokenAsync();
            id = (await AuthorizeAsync(first, token, destructive)).Body.GetProperty("approval_id").GetString()!;
            using var approve = await first.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });
            Assert.Equal(System.Net.HttpStatusCode.OK, approve.StatusCode);
            Assert.IsType<FileApprovalRepository>(first.Gateway.Services.GetRequiredService<IApprovalRepository>());
        }

        Assert.True(File.Exists(Path.Combine(_directory, "approvals.jsonl")));
        await using var second = await GatewayTestHost.StartAsync(extra: settings);

        var allowed = (await AuthorizeAsync(second, token, destructive)).Body;
        var again = (await AuthorizeAsync(second, token, destructive)).Body;

        Assert.True(allowed.GetProperty("allow").GetBoolean());
        Assert.Equal(id, allowed.GetProperty("approval_id").GetString());
        Assert.False(again.GetProperty("allow").GetBoolean());
    }

    [Fact]
    public async Task Restart_WithoutTokenFile_AgentMustGetANewToken()
    {
        string token;
        await using (var first = await GatewayTestHost.StartAsync())
        {
            token = await first.IssueTokenAsync();
            Assert.IsType<InMemoryTokenRepository>(first.Gateway.Services.GetRequiredService<ITokenRepository>());
        }

        await using var second = await GatewayTestHost.StartAsync();

        Assert.Equal(401, (await AuthorizeAsync(second, token, Harmless)).Status);
    }

    [Fact]
    public void AddAgentTokens_TokenFileHeldByAnotherGateway_ConfigurationErrorNamingTheKey()
    {
        var path = Path.Combine(_directory, "held", "tokens.jsonl");
        using var first = Provider(path);
        using var second = Provider(path);
        Assert.IsType<FileTokenRepository>(first.GetRequiredService<ITokenRepository>());

        var error = Assert.Throws<ConfigurationInvalidException>(() => second.GetRequiredService<ITokenRepository>());

        Assert.Contains("AgentGate:Tokens:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CacheSeconds", "90", "AgentGate:Tokens:CacheSeconds: '90'")]
    [InlineData("KeyPrefix", " ", "AgentGate:Tokens:KeyPrefix")]
    public void Validate_BadStorageSetting_NamesKeyAndValue(string key, string value, string expected)
    {
        var options = new TokenStorageOptions();
        typeof(TokenStorageOptions).GetProperty(key)!.SetValue(options, key == "CacheSeconds" ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        var result = new TokenStorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.False(new TokenStorageOptionsValidator().Validate(null, new TokenStorageOptions()).Failed);
    }

    private static ServiceProvider Provider(string tokenPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AgentGate:Tokens:Path"] = tokenPath }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddAgentTokens();
        return services.BuildServiceProvider();
    }
}
