using System.Diagnostics;
using System.Globalization;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// What a phase cost: this process's CPU time and allocations, and how busy the whole machine was
/// (from /proc/stat, so CPU taken by other work on a shared box is visible next to the figures).
/// </summary>
internal readonly record struct PhaseCost(TimeSpan ProcessCpu, long AllocatedBytes, double MachineBusyCores, double ProcessCores)
{
    public static Snapshot Start() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), MachineTicks(), Stopwatch.GetTimestamp());

    public static PhaseCost Since(Snapshot start)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - start.Cpu;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - start.Allocated;
        var elapsed = Stopwatch.GetElapsedTime(start.Timestamp).TotalSeconds;
        var (busy, total) = MachineTicks();
        var busyShare = total > start.Machine.Total ? (double)(busy - start.Machine.Busy) / (total - start.Machine.Total) : double.NaN;
        return new PhaseCost(cpu, allocated, busyShare * Environment.ProcessorCount, cpu.TotalSeconds / elapsed);
    }

    /// <summary>Busy and total jiffies over all cores; zeros where /proc/stat does not exist.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0;
            for (var i = 1; i < fields.Length && i <= 8; i++)
            {
                total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            var idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    internal readonly record struct Snapshot(TimeSpan Cpu, long Allocated, (long Busy, long Total) Machine, long Timestamp);
}
