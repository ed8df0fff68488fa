using System.CommandLine;
using AgentGate.Gateway.Cli;

namespace AgentGate.Gateway;

internal static class Program
{
    // The host handles SIGINT/SIGTERM itself and drains (audit flush) before exiting;
    // System.CommandLine must not force the process down after its own short timeout.
    public static Task<int> Main(string[] args) =>
        CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
