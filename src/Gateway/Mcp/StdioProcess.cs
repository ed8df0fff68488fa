using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// One launched stdio MCP server speaking newline-delimited JSON-RPC. Every request the gateway writes gets a
/// gateway-assigned id (so concurrent HTTP requests can never collide, whatever ids agents choose); the answer
/// is mapped back to the agent's id. Messages the server starts itself (requests, notifications) go to the
/// server stream a GET reads. When the process dies, every waiting request fails with the exit code.
/// </summary>
internal sealed partial class StdioProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly long _maxLineBytes;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<byte[]> _serverMessages = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private int _streamReaders;

    private StdioProcess(Process process, string server, long maxLineBytes, ILogger logger)
    {
        _process = process;
        Server = server;
        _maxLineBytes = maxLineBytes;
        _logger = logger;
    }

    public string Server { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Why the process is gone ("exited with code 1"); completes when it exits.</summary>
    public Task<string> Exited => _exited.Task;

    public int InFlight => _pending.Count;

    public static StdioProcess Start(McpServerConfig server, long maxLineBytes, ILogger logger)
    {
        var info = new ProcessStartInfo(server.Command!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            CreateNoWindow = true,
        };
        foreach (var arg in server.Args)
        {
            info.ArgumentList.Add(arg);
        }

        if (server.WorkingDirectory is { } directory)
        {
            info.WorkingDirectory = directory;
        }

        StdioEnvironment.Apply(info.Environment, server);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new McpUpstreamException($"could not start MCP server '{server.Name}' ({server.Command}): {ex.Message}");
        }

        var stdio = new StdioProcess(process, server.Name, maxLineBytes, logger);
        Log.Started(logger, server.Name, process.Id);
        _ = stdio.ReadStdoutAsync();
        _ = stdio.DrainStderrAsync();
        return stdio;
    }

    /// <summary>Sends one request and waits for its answer; the answer carries the agent's own id.</summary>
    public async Task<byte[]> RequestAsync(JsonObject message, string rawId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = "ag-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pending = new Pending(rawId);
        _pending[id] = pending;
        try
        {
            message["id"] = id;
            await WriteAsync(message, cancellationToken);
            return await pending.Answer.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new McpUpstreamException($"MCP server '{Server}' did not answer within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Writes a notification or an answer to a server-initiated request as it is.</summary>
    public Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        // A cancellation names the agent's request id; the server only knows the gateway's.
        if (message["method"] is JsonValue m && m.TryGetValue<string>(out var method) && method == "notifications/cancelled"
            && message["params"] is JsonObject parameters && parameters["requestId"] is { } requestId)
        {
            var raw = requestId.ToJsonString();
            foreach (var (id, pending) in _pending)
            {
                if (pending.RawId == raw)
                {
                    parameters["requestId"] = id;
                    break;
                }
            }
        }

        return WriteAsync(message, cancellationToken);
    }

    /// <summary>Only one GET stream may read the server's own messages at a time.</summary>
    public bool TryOpenStream() => Interlocked.CompareExchange(ref _streamReaders, 1, 0) == 0;

    public void CloseStream() => Volatile.Write(ref _streamReaders, 0);

    public ChannelReader<byte[]> ServerMessages => _serverMessages.Reader;

    /// <summary>Closes stdin (the MCP way to ask a stdio server to stop), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            TryKill();
        }

        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task WriteAsync(JsonObject message, CancellationToken cancellationToken)
    {
        if (HasExited)
        {
            throw new McpUpstreamException($"MCP server '{Server}' is not running: {_exited.Task.Result}");
        }

        // Compact serialisation: one message per line, never an embedded newline.
        var line = JsonSerializer.Serialize(message);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteAsync(line.AsMemory(), cancellationToken);
            await _process.StandardInput.WriteAsync("\n".AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new McpUpstreamException($"MCP server '{Server}' stopped reading its input: {ex.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void TryKill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private sealed class Pending(string rawId)
    {
        public string RawId { get; } = rawId;

        public TaskCompletionSource<byte[]> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
