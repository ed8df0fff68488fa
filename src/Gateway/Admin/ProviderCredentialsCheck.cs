using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Admin;

/// <summary>Not ready while any configured provider lacks a resolvable credential.</summary>
internal sealed class ProviderCredentialsCheck(ProviderRegistry providers) : IReadinessCheck
{
    public string Name => "providers";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var missing = providers.All.Where(p => p.Credential is null).Select(p => $"{p.Name}: {p.CredentialProblem}").ToArray();
        return ValueTask.FromResult(missing.Length == 0
            ? ReadinessResult.Ok($"{providers.All.Count} provider(s) with credentials")
            : ReadinessResult.Fail(string.Join("; ", missing)));
    }
}
