using AgentGate.Gateway.Approvals;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>The one suite every <see cref="IApprovalRepository"/> must pass, seen through <see cref="ApprovalStore"/>.</summary>
public abstract partial class ApprovalStoreTests : IDisposable
{
    internal const string Revision = "rev-1";

    private readonly List<IDisposable> _owned = [];
    private ApprovalStore? _store;

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    /// <summary>False (and the test returns) only outside CI when the store's server is unavailable.</summary>
    internal abstract bool Available { get; }

    /// <summary>Whether a new repository instance (a restarted gateway) still knows the approvals.</summary>
    internal abstract bool Durable { get; }

    /// <summary>A repository as a further gateway replica would open it, sharing whatever the mode shares.</summary>
    internal abstract IApprovalRepository OpenReplica();

    /// <summary>The repository a restarted gateway opens.</summary>
    internal abstract IApprovalRepository Restart();

    internal ApprovalStore Store => _store ??= Replica();

    internal ApprovalStore Replica() => new(OpenReplica(), Time);

    internal T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    internal Approval Template(string command = "rm -rf /", string revision = Revision, TimeSpan? ttl = null) => new()
    {
        Id = string.Empty,
        ActionHash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(command))),
        PolicyRevision = revision,
        Agent = "builder-17",
        Owner = "sam",
        Task = "ISSUE-342",
        Kind = "exec",
        Action = System.Text.Json.JsonSerializer.Serialize(new { kind = "exec", command }),
        Reasons = ["exec: destructive command needs approval"],
        CreatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow() + (ttl ?? TimeSpan.FromHours(1)),
    };

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_owned))
        {
            item.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
