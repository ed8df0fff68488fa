namespace AgentGate.Gateway.Audit;

/// <summary>Walks an audit file and proves the chain: each line's hash and its link to the previous line.</summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(string path)
    {
        var expectedPrev = string.Empty;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                return AuditVerification.Broken(lineNumber, "empty line");
            }

            AuditRecord record;
            try
            {
                record = AuditCodec.Parse(line);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                return AuditVerification.Broken(lineNumber, "not a valid audit record: " + ex.Message);
            }

            if (!string.Equals(record.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(lineNumber, "previous-hash link broken (a line was removed, inserted or reordered before it)");
            }

            if (!string.Equals(AuditCodec.ComputeHash(record), record.Hash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(lineNumber, "hash mismatch (the line was altered)");
            }

            expectedPrev = record.Hash;
        }

        return AuditVerification.Intact(lineNumber, expectedPrev);
    }
}
