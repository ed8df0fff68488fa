using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Mcp;

internal sealed partial class StdioProcess
{
    private async Task ReadStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Length > _maxLineBytes)
                {
                    Log.Oversized(_logger, Server, line.Length);
                    TryKill();
                    break;
                }

                if (line.Length > 0)
                {
                    Dispatch(line);
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke: the process is going away; Exited reports why.
        }
        catch (ObjectDisposedException)
        {
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        var reason = _process.HasExited ? $"the process exited with code {_process.ExitCode}" : "the process closed its output";
        _exited.TrySetResult(reason);
        _serverMessages.Writer.TryComplete();
        Log.Exited(_logger, Server, reason);
        foreach (var pending in _pending.Values)
        {
            pending.Answer.TrySetException(new McpUpstreamException($"MCP server '{Server}' is not running: {reason}"));
        }
    }

    private void Dispatch(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            // Servers sometimes print logs to stdout; that is not protocol traffic.
            Log.NotJson(_logger, Server);
            return;
        }

        if (node is JsonArray batch)
        {
            foreach (var item in batch)
            {
                Route(item as JsonObject);
            }
        }
        else
        {
            Route(node as JsonObject);
        }
    }

    private void Route(JsonObject? message)
    {
        if (message is null)
        {
            return;
        }

        var isResponse = message["method"] is null && (message.ContainsKey("result") || message.ContainsKey("error"));
        if (isResponse && message["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) && _pending.TryGetValue(id, out var pending))
        {
            message["id"] = JsonNode.Parse(pending.RawId);
            pending.Answer.TrySetResult(JsonSerializer.SerializeToUtf8Bytes(message));
            return;
        }

        _serverMessages.Writer.TryWrite(JsonSerializer.SerializeToUtf8Bytes(message));
    }

    private async Task DrainStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                Log.Stderr(_logger, Server, line.Length > 500 ? line[..500] : line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "MCP stdio server {Server} started (pid {Pid})")]
        public static partial void Started(ILogger logger, string server, int pid);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "MCP stdio server {Server} stopped: {Reason}")]
        public static partial void Exited(ILogger logger, string server, string reason);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "MCP stdio server {Server} wrote a line of {Length} chars, over the bound; stopping it")]
        public static partial void Oversized(ILogger logger, string server, int length);

        [LoggerMessage(EventId = 6104, Level = LogLevel.Debug, Message = "MCP stdio server {Server} wrote a non-JSON line to stdout; ignored")]
        public static partial void NotJson(ILogger logger, string server);

        [LoggerMessage(EventId = 6105, Level = LogLevel.Trace, Message = "MCP stdio server {Server} stderr: {Line}")]
        public static partial void Stderr(ILogger logger, string server, string line);
    }
}
