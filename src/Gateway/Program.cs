using AgentGate.Gateway.Cli;

namespace AgentGate.Gateway;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliRoot.Create().Parse(args).InvokeAsync();
}
