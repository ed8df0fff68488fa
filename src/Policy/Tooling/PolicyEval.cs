using System.Buffers;
using System.Text;
using System.Text.Json;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tooling;

/// <summary>
/// <c>opa eval</c> as a library: loads data paths and an optional input file, evaluates a query and renders
/// <c>{"result":[{var: value,…},…]}</c> (a query without variables gives rows keyed <c>expr</c>) or
/// <c>{"error":{"code":"…","message":"…"}}</c>.
/// </summary>
public sealed class PolicyEval
{
    public PolicyOptions Options { get; init; } = PolicyOptions.Default;

    public ToolResult Run(IEnumerable<string> dataPaths, string? inputPath, string query, CancellationToken cancellationToken = default)
    {
        var sources = PolicySources.Load(dataPaths);
        if (sources.Errors.Count > 0)
        {
            return Error("load_error", string.Join("; ", sources.Errors));
        }

        Value? input = null;
        if (inputPath is not null)
        {
            try
            {
                input = ValueJson.Parse(File.ReadAllText(inputPath));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                return Error("input_error", $"{inputPath}: {ex.Message}");
            }
        }

        var compiled = PolicyBundle.Compile(sources.Modules, sources.Data, Options);
        if (!compiled.Success)
        {
            return Error(compiled.Errors[0].Code, string.Join("; ", compiled.Errors.Select(e => e.Message)));
        }

        var bundle = compiled.Bundle!;
        var result = bundle.Evaluate(query, input, cancellationToken);
        if (result.Error is null && result.Rows.Count > 0 && result.Rows.All(r => r.Count == 0) && !query.Contains(';', StringComparison.Ordinal) && !query.Contains('\n', StringComparison.Ordinal))
        {
            var exprResult = bundle.Evaluate("expr__agentgate = (" + query + ")", input, cancellationToken);
            if (exprResult.Error is null)
            {
                result = exprResult;
            }
        }

        if (result.Error is not null)
        {
            return Error(result.Error.Code, result.Error.Message);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("result");
            foreach (var row in result.Rows)
            {
                w.WriteStartObject();
                foreach (var (k, v) in row.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k == "expr__agentgate" ? "expr" : k);
                    ValueJson.Write(w, v);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return new ToolResult(0, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static ToolResult Error(string code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new ToolResult(1, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
