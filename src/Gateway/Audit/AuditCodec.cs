using System.Buffers;
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

    public static byte[] Serialize(AuditRecord r, bool includeHash)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, r, r.PrevHash, includeHash ? r.Hash : null);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the canonical form: fixed field order, UTC round-trip time, <paramref name="prevHash"/> in
    /// place of the record's own, and the hash last when <paramref name="hash"/> is given.
    /// </summary>
    public static void Write(Utf8JsonWriter w, AuditRecord r, string prevHash, string? hash)
    {
        Span<char> time = stackalloc char[40];
        r.Time.UtcDateTime.TryFormat(time, out var timeLength, "O", CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString(AuditNames.Time, time[..timeLength]);
        w.WriteString(AuditNames.RequestId, r.RequestId);
        WriteNullable(w, AuditNames.Agent, r.Agent);
        WriteNullable(w, AuditNames.Task, r.Task);
        WriteNullable(w, AuditNames.Session, r.Session);
        w.WriteString(AuditNames.Kind, r.Kind);
        WriteNullable(w, AuditNames.Method, r.Method);
        WriteNullable(w, AuditNames.Target, r.Target);
        WriteNullable(w, AuditNames.Model, r.Model);
        w.WriteString(AuditNames.Decision, r.Decision);
        WriteNullable(w, AuditNames.Reason, r.Reason);
        WriteNullable(w, AuditNames.Rule, r.Rule);
        WriteNumber(w, AuditNames.UpstreamStatus, r.UpstreamStatus);
        if (r.LatencyMs is { } latency)
        {
            w.WriteNumber(AuditNames.LatencyMs, latency);
        }
        else
        {
            w.WriteNull(AuditNames.LatencyMs);
        }

        WriteNumber(w, AuditNames.InputTokens, r.InputTokens);
        WriteNumber(w, AuditNames.OutputTokens, r.OutputTokens);
        // Optional fields are written only when set, so records written before they existed verify unchanged.
        WriteOptional(w, AuditNames.PolicyRevision, r.PolicyRevision);
        WriteOptional(w, AuditNames.ApprovalId, r.ApprovalId);
        if (r.CostUsd is { } cost)
        {
            w.WriteNumber(AuditNames.CostUsd, cost);
        }

        if (r.ContextWarning is { } warning)
        {
            w.WriteBoolean(AuditNames.ContextWarning, warning);
        }

        if (r.Retries is > 0 and var retries)
        {
            w.WriteNumber(AuditNames.Retries, retries);
        }

        w.WriteString(AuditNames.PrevHash, prevHash);
        if (hash is not null)
        {
            w.WriteString(AuditNames.Hash, hash);
        }

        w.WriteEndObject();
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
            Retries = e.TryGetProperty("retries", out var rt) && rt.ValueKind == JsonValueKind.Number ? rt.GetInt32() : null,
            PrevHash = e.GetProperty("prevHash").GetString()!,
            Hash = e.GetProperty("hash").GetString()!,
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter w, JsonEncodedText name, string? value)
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

    private static void WriteOptional(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, long? value)
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
