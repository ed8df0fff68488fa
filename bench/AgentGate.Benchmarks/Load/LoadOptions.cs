using System.Globalization;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// <c>load [seconds] [concurrency] [json,sse] [--redis HOST:PORT] [--rounds N] [--variants a,b,…] [--alloc]</c>.
/// Redis defaults to <c>AGENTGATE_TEST_REDIS</c>; without it the Redis variant is left out.
/// </summary>
internal sealed record LoadOptions(TimeSpan Duration, int Concurrency, string[] Kinds, string? Redis, int Rounds, string[]? Variants, bool Allocations)
{
    public static LoadOptions Parse(string[] args)
    {
        var positional = new List<string>();
        string? redis = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS");
        var rounds = 1;
        string[]? variants = null;
        var allocations = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--redis":
                    redis = args[++i];
                    break;
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--variants":
                    variants = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "--alloc":
                    allocations = true;
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var seconds = positional.Count > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 8;
        var concurrency = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 16;
        var kinds = positional.Count > 2 ? positional[2].Split(',') : ["json", "sse"];
        return new LoadOptions(TimeSpan.FromSeconds(seconds), concurrency, kinds, string.IsNullOrWhiteSpace(redis) ? null : redis, Math.Max(1, rounds), variants, allocations);
    }
}
