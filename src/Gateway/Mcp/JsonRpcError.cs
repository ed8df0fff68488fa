using System.Text.Json;
using AgentGate.Gateway.Enforcement;

namespace AgentGate.Gateway.Mcp;

/// <summary>A JSON-RPC error the gateway answers with; <see cref="Type"/> is the gateway's stable error type.</summary>
internal sealed record JsonRpcError(int Code, string Message, string Type, EnforcementOutcome? Outcome = null)
{
    /// <summary><c>{"jsonrpc":"2.0","id":…,"error":{"code","message","data":{type, rule, reasons, approval_id, policy_revision}}}</c>.</summary>
    public void Write(Utf8JsonWriter writer, string? rawId)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (rawId is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(rawId, skipInputValidation: true);
        }

        writer.WriteStartObject("error");
        writer.WriteNumber("code", Code);
        writer.WriteString("message", Message);
        writer.WriteStartObject("data");
        writer.WriteString("type", Type);
        if (Outcome is { } outcome)
        {
            writer.WriteString("rule", outcome.Decision.Rule);
            writer.WriteStartArray("reasons");
            foreach (var reason in outcome.Verdict == EnforcementVerdict.HeldForApproval ? outcome.Decision.RequireApproval : outcome.Decision.Deny)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            if (outcome.ApprovalId is { } approval)
            {
                writer.WriteString("approval_id", approval);
            }

            writer.WriteString("policy_revision", outcome.Decision.Revision);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public byte[] Serialize(string? rawId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, rawId);
        }

        return buffer.ToArray();
    }

    public static JsonRpcError FromOutcome(EnforcementOutcome outcome)
    {
        var leak = outcome.Decision.Rule == LeakStop.LeakStopScanner.Rule;
        return outcome.Verdict == EnforcementVerdict.HeldForApproval
            ? new JsonRpcError(McpErrorCodes.ApprovalRequired, $"approval_required ({outcome.ApprovalId}): {outcome.Decision.Message}; retry the identical call once a human approved it", "approval_required", outcome)
            : new JsonRpcError(leak ? McpErrorCodes.CredentialLeak : McpErrorCodes.PolicyDenied, (leak ? string.Empty : "policy_denied: ") + outcome.Decision.Message, leak ? LeakStop.LeakStopScanner.ErrorType : "policy_denied", outcome);
    }
}
