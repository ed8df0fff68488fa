using System.Diagnostics;

namespace AgentGate.Sandbox.Network;

/// <summary>
/// <see cref="IHostFirewall"/> with iptables (needs root, like dockerd): a chain per bridge, jumped to from INPUT
/// for packets arriving on that bridge, accepting TCP to the gateway port and dropping everything else.
/// </summary>
public sealed class IptablesHostFirewall : IHostFirewall
{
    private readonly string _iptables;

    public IptablesHostFirewall(string iptables = "iptables") => _iptables = iptables;

    public static string ChainFor(string bridgeName) => "AGENTGATE-" + bridgeName;

    public async Task RestrictAsync(string bridgeName, int port, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        await ReleaseAsync(bridgeName, cancellationToken).ConfigureAwait(false);
        var chain = ChainFor(bridgeName);
        await RunAsync(["-N", chain], true, cancellationToken).ConfigureAwait(false);
        await RunAsync(["-A", chain, "-p", "tcp", "--dport", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "ACCEPT"], true, cancellationToken).ConfigureAwait(false);
        await RunAsync(["-A", chain, "-j", "DROP"], true, cancellationToken).ConfigureAwait(false);
        await RunAsync(["-I", "INPUT", "1", "-i", bridgeName, "-j", chain], true, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string bridgeName, CancellationToken cancellationToken)
    {
        var chain = ChainFor(bridgeName);
        // Delete every jump (there is one unless something was half-applied), then the chain.
        for (var i = 0; i < 8 && await RunAsync(["-D", "INPUT", "-i", bridgeName, "-j", chain], false, cancellationToken).ConfigureAwait(false); i++)
        {
        }

        await RunAsync(["-F", chain], false, cancellationToken).ConfigureAwait(false);
        await RunAsync(["-X", chain], false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RunAsync(IReadOnlyList<string> args, bool required, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(_iptables) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-w");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process? started;
        try
        {
            started = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception) when (!required)
        {
            return false; // no iptables binary: there are no rules to release either
        }

        using var process = started ?? throw new InvalidOperationException($"could not start '{_iptables}'");
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 && required)
        {
            throw new InvalidOperationException($"'{_iptables} {string.Join(' ', args)}' failed ({process.ExitCode}): {stderr.Trim()}");
        }

        return process.ExitCode == 0;
    }
}
