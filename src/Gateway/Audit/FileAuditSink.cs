using System.Text;
using System.Threading.Channels;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Audit;

/// <summary>
/// Append-only JSONL file with a hash chain. Callers enqueue; one background writer chains and appends,
/// so the chain is never forked by concurrent requests. Stopping drains the queue before returning.
/// </summary>
internal sealed partial class FileAuditSink(AuditConfig config, ILogger<FileAuditSink> logger, AuditMetrics? metrics = null) : IAuditSink, IHostedService, IAsyncDisposable
{
    /// <summary>How long queued records may still take to reach the file once the host's stop time is spent.</summary>
    private static readonly TimeSpan FlushGrace = TimeSpan.FromSeconds(10);

    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writer;
    private string _head = string.Empty;

    public string Path { get; } = System.IO.Path.GetFullPath(config.Path);

    public ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(new AuditEntry(record, null)))
        {
            Log.RecordDropped(logger, record.RequestId);
        }
        else
        {
            metrics?.Written(record);
        }

        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new AuditEntry(null, done)) ? done.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _head = AuditTail.ReadLastHash(Path);
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        _writer = Task.Run(() => RunAsync(stream), CancellationToken.None);
        Log.Started(logger, Path);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is null)
        {
            return;
        }

        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown ran out of time in other services; the queued records still get a grace period.
            await _writer.WaitAsync(FlushGrace, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private async Task RunAsync(FileStream stream)
    {
        await using (stream)
        using (var lines = new AuditLineWriter())
        {
            var reader = _queue.Reader;
            var waiting = new List<TaskCompletionSource>();
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var entry))
                {
                    if (entry.Record is { } record)
                    {
                        await stream.WriteAsync(lines.Chain(record, _head, out var hash));
                        _head = hash;
                    }
                    else if (entry.Flushed is { } flushed)
                    {
                        waiting.Add(flushed);
                    }
                }

                // Flush once per burst: cheap under load, durable as soon as the queue runs dry.
                await stream.FlushAsync();
                foreach (var flushed in waiting)
                {
                    flushed.TrySetResult();
                }

                waiting.Clear();
            }
        }
    }

    private readonly record struct AuditEntry(AuditRecord? Record, TaskCompletionSource? Flushed);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Audit log appending to {Path}")]
        public static partial void Started(ILogger logger, string path);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Audit record {RequestId} arrived after the audit sink stopped")]
        public static partial void RecordDropped(ILogger logger, string requestId);
    }
}
