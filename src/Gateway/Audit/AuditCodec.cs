using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AgentGate.Gateway.Audit;

/// <summary>
/// The canonical form of a record (fixed field order, UTC round-trip time) and the hash chain over it:
/// <c>hash = SHA-256(canonical record including prevHash, excluding hash)</c>.
/// </summary>
internal static class AuditCodec
{
    public static string ComputeHash(AuditRecord record)
    {
        var canonical = Serialize(record, includeHash: false);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    public static AuditRecord Chain(AuditRecord record, string prevHash)
    {
        var linked = record with { PrevHash = prevHash, Hash = string.Empty };
        return linked with { Hash = ComputeHash(linked) };
    }

    /// <summary>Chains a record and returns its line bytes, serializing once: the line is the canonical form plus the hash.</summary>
    public static byte[] ChainToLine(AuditRecord record, string prevHash, out string hash)
    {
        var canonical = Serialize(record with { PrevHash = prevHash, Hash = string.Empty }, includeHash: false);
        hash = Convert.ToHexStringLower(SHA256.HashData(canonical));
        var suffix = System.Text.Encoding.ASCII.GetBytes(",\"hash\":\"" + hash + "\"}\n");
        var line = new byte[canonical.Length - 1 + suffix.Length];
        canonical.AsSpan(0, canonical.Length - 1).CopyTo(line);
        suffix.CopyTo(line.AsSpan(canonical.Length - 1));
        return line;
    }

    public static byte[] Serialize(AuditRecord r, bool includeHash)
    {
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", r.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("requestId", r.RequestId);
            WriteNullable(w, "agent", r.Agent);
            WriteNullable(w, "task", r.Task);
            WriteNullable(w, "session", r.Session);
            w.WriteString("kind", r.Kind);
            WriteNullable(w, "method", r.Method);
            WriteNullable(w, "target", r.Target);
            WriteNullable(w, "model", r.Model);
            w.WriteString("decision", r.Decision);
            WriteNullable(w, "reason", r.Reason);
            WriteNullable(w, "rule", r.Rule);
            WriteNumber(w, "upstreamStatus", r.UpstreamStatus);
            if (r.LatencyMs is { } latency)
            {
                w.WriteNumber("latencyMs", latency);
            }
            else
            {
                w.WriteNull("latencyMs");
            }

            WriteNumber(w, "inputTokens", r.InputTokens);
            WriteNumber(w, "outputTokens", r.OutputTokens);
            // Optional fields are written only when set, so records written before they existed verify unchanged.
            WriteOptional(w, "policyRevision", r.PolicyRevision);
            WriteOptional(w, "approvalId", r.ApprovalId);
            if (r.CostUsd is { } cost)
            {
                w.WriteNumber("costUsd", cost);
            }

            if (r.ContextWarning is { } warning)
            {
                w.WriteBoolean("contextWarning", warning);
            }

            w.WriteString("prevHash", r.PrevHash);
            if (includeHash)
            {
                w.WriteString("hash", r.Hash);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static AuditRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var e = document.RootElement;
        return new AuditRecord
        {
            Time = DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            RequestId = e.GetProperty("requestId").GetString()!,
            Agent = Str(e, "agent"),
            Task = Str(e, "task"),
            Session = Str(e, "session"),
            Kind = e.GetProperty("kind").GetString()!,
            Method = Str(e, "method"),
            Target = Str(e, "target"),
            Model = Str(e, "model"),
            Decision = e.GetProperty("decision").GetString()!,
            Reason = Str(e, "reason"),
            Rule = Str(e, "rule"),
            UpstreamStatus = e.TryGetProperty("upstreamStatus", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null,
            LatencyMs = e.TryGetProperty("latencyMs", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null,
            InputTokens = e.TryGetProperty("inputTokens", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt64() : null,
            OutputTokens = e.TryGetProperty("outputTokens", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt64() : null,
            PolicyRevision = Str(e, "policyRevision"),
            ApprovalId = Str(e, "approvalId"),
            CostUsd = e.TryGetProperty("costUsd", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDecimal() : null,
            ContextWarning = e.TryGetProperty("contextWarning", out var cw) && cw.ValueKind is JsonValueKind.True or JsonValueKind.False ? cw.GetBoolean() : null,
            PrevHash = e.GetProperty("prevHash").GetString()!,
            Hash = e.GetProperty("hash").GetString()!,
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }
}
