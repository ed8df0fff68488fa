using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Identity;

/// <summary>The one suite every <see cref="ITokenRepository"/> must pass, seen through <see cref="TokenStore"/>.</summary>
public abstract partial class TokenStoreTests : IDisposable
{
    private static readonly GatewayConfig Config = ConfigReader.ReadOrThrow(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AgentGate:Agents:builder-17:Role"] = "builder",
    }).Build());

    private readonly List<IDisposable> _owned = [];
    private TokenStore? _store;

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 11, 14, 0, 0, TimeSpan.Zero));

    /// <summary>False (and the test returns) only outside CI when the store's server is unavailable.</summary>
    internal abstract bool Available { get; }

    /// <summary>Whether a new repository instance (a restarted gateway) still knows the tokens.</summary>
    internal abstract bool Durable { get; }

    /// <summary>A repository as a further gateway replica would open it, sharing whatever the mode shares.</summary>
    internal abstract ITokenRepository OpenReplica();

    /// <summary>Closes <paramref name="old"/> as a stopping gateway would and opens the store again.</summary>
    internal abstract ITokenRepository Restart(ITokenRepository old);

    internal TokenStore Store => _store ??= Gateway(OpenReplica());

    internal TokenStore Gateway(ITokenRepository repository) => new(Config, repository, Time);

    internal T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    internal static async Task<IssuedToken> IssueAsync(TokenStore store, TimeSpan? ttl = null, string? task = null) =>
        (await store.IssueAsync("builder-17", task, ttl, CancellationToken.None)).Token!;

    internal static async Task<TokenCheckStatus> StatusAsync(TokenStore store, string? token) =>
        (await store.CheckAsync(token, CancellationToken.None)).Status;

    internal static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_owned))
        {
            item.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
