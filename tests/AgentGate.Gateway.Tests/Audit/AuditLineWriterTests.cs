using System.Text;
using AgentGate.Gateway.Audit;

namespace AgentGate.Gateway.Tests.Audit;

public sealed class AuditLineWriterTests
{
    [Fact]
    public void Chain_ReusedForSeveralRecords_EachLineEqualsTheCanonicalChainedForm()
    {
        using var writer = new AuditLineWriter();
        var head = "";
        for (var i = 0; i < 3; i++)
        {
            var record = AuditChainTests.Sample(i) with { Reason = i == 1 ? new string('x', 3000) : "quote \" and unicode é" };
            var line = Encoding.UTF8.GetString(writer.Chain(record, head, out var hash).Span);

            var expected = AuditCodec.Chain(record, head);
            Assert.Equal(Encoding.UTF8.GetString(AuditCodec.Serialize(expected, includeHash: true)) + "\n", line);
            Assert.Equal(expected.Hash, hash);
            Assert.Equal(hash, AuditCodec.ComputeHash(AuditCodec.Parse(line.TrimEnd('\n'))));
            head = hash;
        }
    }

    [Fact]
    public void Chain_OptionalFieldsSet_WritesThemBeforePrevHash()
    {
        using var writer = new AuditLineWriter();
        var record = AuditChainTests.Sample(1) with { PolicyRevision = "rev1", ApprovalId = "apr_1", CostUsd = 0.0012m, ContextWarning = true };

        var line = Encoding.UTF8.GetString(writer.Chain(record, "abc", out _).Span);

        Assert.Contains("\"policyRevision\":\"rev1\",\"approvalId\":\"apr_1\",\"costUsd\":0.0012,\"contextWarning\":true,\"prevHash\":\"abc\",\"hash\":\"", line, StringComparison.Ordinal);
        Assert.EndsWith("\"}\n", line, StringComparison.Ordinal);
    }
}
