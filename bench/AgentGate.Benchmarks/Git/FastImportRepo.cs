using System.Globalization;
using System.Text;

namespace AgentGate.Benchmarks.Git;

/// <summary>A bare repository with <c>commits</c> linear commits on main, written in one <c>git fast-import</c> run.</summary>
internal static class FastImportRepo
{
    public static async Task<string> CreateAsync(string root, int commits)
    {
        var bare = Path.Combine(root, "bench.git");
        await GitProcess.RunAsync(root, null, "init", "-q", "--bare", bare);
        var stream = new MemoryStream();
        using (var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            for (var i = 1; i <= commits; i++)
            {
                var message = $"commit {i}\n";
                var file = $"line {i}: {new string((char)('a' + (i % 26)), 40)}\n";
                w.Write($"commit refs/heads/main\nmark :{i}\ncommitter Bench <bench@example.invalid> {1_700_000_000 + i} +0000\n");
                w.Write($"data {Encoding.UTF8.GetByteCount(message)}\n{message}");
                if (i > 1)
                {
                    w.Write($"from :{i - 1}\n");
                }

                w.Write($"M 644 inline src/file{(i % 100).ToString(CultureInfo.InvariantCulture)}.txt\ndata {Encoding.UTF8.GetByteCount(file)}\n{file}\n");
            }
        }

        stream.Position = 0;
        await GitProcess.RunAsync(bare, stream, "fast-import", "--quiet");
        await GitProcess.RunAsync(bare, null, "symbolic-ref", "HEAD", "refs/heads/main");
        return bare;
    }
}
