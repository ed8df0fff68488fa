using System.Text.Json;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// An agent's POST body parsed once: one message or a batch. Duplicate keys are refused, so the tool name
/// the policy decides is the one the upstream server reads.
/// </summary>
internal sealed class JsonRpcBody : IDisposable
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 128 };
    private readonly JsonDocument _document;

    private JsonRpcBody(JsonDocument document, IReadOnlyList<JsonRpcMessage> messages, bool isBatch)
    {
        _document = document;
        Messages = messages;
        IsBatch = isBatch;
    }

    public IReadOnlyList<JsonRpcMessage> Messages { get; }

    public bool IsBatch { get; }

    /// <summary>Parses the body; a failure is a JSON-RPC error the proxy answers with instead of forwarding.</summary>
    public static JsonRpcBody? TryParse(ReadOnlyMemory<byte> body, out JsonRpcError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            error = new JsonRpcError(McpErrorCodes.ParseError, "parse error: the body is not valid JSON (" + ex.Message + ")", "parse_error");
            return null;
        }

        var root = document.RootElement;
        var isBatch = root.ValueKind == JsonValueKind.Array;
        var messages = new List<JsonRpcMessage>();
        if (isBatch)
        {
            foreach (var item in root.EnumerateArray())
            {
                if (JsonRpcMessage.From(item) is not { } message)
                {
                    break;
                }

                messages.Add(message);
            }

            if (messages.Count == 0 || messages.Count != root.GetArrayLength())
            {
                document.Dispose();
                error = new JsonRpcError(McpErrorCodes.InvalidRequest, "invalid request: a batch must be a non-empty array of JSON-RPC messages", "invalid_request");
                return null;
            }
        }
        else if (JsonRpcMessage.From(root) is { } single)
        {
            messages.Add(single);
        }
        else
        {
            document.Dispose();
            error = new JsonRpcError(McpErrorCodes.InvalidRequest, "invalid request: the body is not a JSON-RPC message", "invalid_request");
            return null;
        }

        return new JsonRpcBody(document, messages, isBatch);
    }

    public void Dispose() => _document.Dispose();
}
