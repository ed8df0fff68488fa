using System.Diagnostics;

namespace AgentGate.Benchmarks.Load;

/// <summary>Closed-loop load: <c>concurrency</c> workers each send a POST, read the whole response, repeat.</summary>
internal static class LoadWorkers
{
    private static readonly byte[] Body = """{"model":"claude-bench","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray();

    public static async Task<(List<double> Latencies, long Errors)> RunAsync(HttpClient client, Uri target, string? token, TimeSpan duration, int concurrency)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var local = new List<double>(4096);
            long errors = 0;
            var buffer = new byte[8192];
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Body) };
                request.Content.Headers.ContentType = new("application/json");
                if (token is not null)
                {
                    request.Headers.Add("x-api-key", token);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                while (await stream.ReadAsync(buffer) > 0)
                {
                }

                if (!response.IsSuccessStatusCode)
                {
                    errors++;
                }

                local.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return (local, errors);
        })).ToArray();
        var done = await Task.WhenAll(workers);
        return (done.SelectMany(d => d.local).ToList(), done.Sum(d => d.errors));
    }
}
