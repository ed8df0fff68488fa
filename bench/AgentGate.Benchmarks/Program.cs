using AgentGate.Benchmarks.Load;
using BenchmarkDotNet.Running;

namespace AgentGate.Benchmarks;

public static class Program
{
    /// <summary><c>load [seconds] [concurrency] [json,sse] [--redis HOST:PORT] [--rounds N] [--variants a,b]</c> runs the gateway load harness; anything else goes to BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadHarness.RunAsync(LoadOptions.Parse(args[1..]));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
