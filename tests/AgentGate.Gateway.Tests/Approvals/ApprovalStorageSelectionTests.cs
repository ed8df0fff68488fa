using AgentGate.Gateway.Approvals;
using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>Which repository <see cref="ApprovalServiceCollectionExtensions.AddApprovalStore"/> picks without Redis.</summary>
public sealed class ApprovalStorageSelectionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-approval-mode-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AddApprovalStore_TokenFileSet_FileBesideIt()
    {
        using var services = Provider(new() { ["AgentGate:Tokens:Path"] = Path.Combine(_directory, "tokens.jsonl") });

        var repository = services.GetRequiredService<IApprovalRepository>();

        Assert.IsType<FileApprovalRepository>(repository);
        repository.Open(new Approval
        {
            Id = "apr_1", ActionHash = "sha256:00", PolicyRevision = "rev-1", Agent = "builder-17", Owner = "sam", Kind = "exec",
            Action = "{}", Reasons = ["needs approval"], CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.MaxValue.AddYears(-1),
        }, DateTimeOffset.UnixEpoch);
        Assert.Single(File.ReadAllLines(Path.Combine(_directory, "approvals.jsonl")));
    }

    [Fact]
    public void AddApprovalStore_NoPaths_Memory()
    {
        using var services = Provider([]);

        Assert.IsType<InMemoryApprovalRepository>(services.GetRequiredService<IApprovalRepository>());
    }

    [Fact]
    public void AddApprovalStore_FileHeldByAnotherGateway_ConfigurationErrorNamingTheKey()
    {
        var path = Path.Combine(_directory, "held", "approvals.jsonl");
        using var first = Provider(new() { ["AgentGate:Approvals:Path"] = path });
        using var second = Provider(new() { ["AgentGate:Approvals:Path"] = path });
        Assert.IsType<FileApprovalRepository>(first.GetRequiredService<IApprovalRepository>());

        var error = Assert.Throws<ConfigurationInvalidException>(() => second.GetRequiredService<IApprovalRepository>());

        Assert.Contains("AgentGate:Approvals:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddApprovalStore();
        return services.BuildServiceProvider();
    }
}
