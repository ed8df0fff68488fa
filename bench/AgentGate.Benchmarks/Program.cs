using AgentGate.Benchmarks.Load;
using BenchmarkDotNet.Running;

namespace AgentGate.Benchmarks;

public static class Program
{
    /// <summary><c>load [seconds] [concurrency] [json,sse] [--redis HOST:PORT] [--rounds N] [--variants a,b]</c> runs the gateway load harness; <c>git|connect|gitnet [commits] [MiB] [rounds]</c> the git clone / CONNECT harness; <c>admission [calls] [concurrency] [--redis HOST:PORT]</c> per-decision budget admission latency; anything else goes to BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadHarness.RunAsync(LoadOptions.Parse(args[1..]));
        }

        if (args.Length > 0 && args[0] == "admission")
        {
            return await Budgets.AdmissionLatencyHarness.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] is "git" or "connect" or "gitnet")
        {
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            return await Git.GitNetHarness.RunAsync(Arg(1, 10_000), Arg(2, 256), Arg(3, 3), git: args[0] != "connect", connect: args[0] != "git");
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
