using System.CommandLine;
using System.Text;
using AgentGate.Gateway.Audit;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate audit verify|query FILE</c>: prove the hash chain, or filter records.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var verifyFile = new Argument<FileInfo>("FILE") { Description = "Audit log (JSONL)" };
        var verify = new Command("verify", "Verify the hash chain; exits non-zero naming the first bad line") { verifyFile };
        verify.SetAction(parse => Verify(parse.GetValue(verifyFile)!));

        var queryFile = new Argument<FileInfo>("FILE") { Description = "Audit log (JSONL)" };
        var agent = new Option<string?>("--agent") { Description = "Only this agent" };
        var kind = new Option<string?>("--kind") { Description = "Only this kind (llm, tool, exec, …)" };
        var decision = new Option<string?>("--decision") { Description = "allow or deny" };
        decision.AcceptOnlyFromAmong(AuditDecisions.Allow, AuditDecisions.Deny);
        var since = new Option<string?>("--since") { Description = "Only records newer than this: 15m, 2h, 1d" };
        var query = new Command("query", "Print the records that match every filter") { queryFile, agent, kind, decision, since };
        query.SetAction(parse => Query(parse.GetValue(queryFile)!, parse.GetValue(agent), parse.GetValue(kind), parse.GetValue(decision), parse.GetValue(since)));

        return new Command("audit", "Inspect the attribution log") { verify, query };
    }

    private static int Verify(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName} does not exist");
            return 2;
        }

        var result = AuditVerifier.Verify(file.FullName);
        if (result.IsIntact)
        {
            Console.WriteLine($"ok: {result.Lines} record(s), chain intact, head {result.Head}");
            return 0;
        }

        Console.Error.WriteLine($"line {result.BadLine}: {result.Problem}");
        return 1;
    }

    private static int Query(FileInfo file, string? agent, string? kind, string? decision, string? since)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName} does not exist");
            return 2;
        }

        DateTimeOffset? after = null;
        if (since is not null)
        {
            if (!DurationParser.TryParse(since, out var window))
            {
                Console.Error.WriteLine($"--since '{since}' is not a duration like 15m, 2h, 1d");
                return 2;
            }

            after = TimeProvider.System.GetUtcNow() - window;
        }

        var filter = new AuditFilter(agent, kind, decision, after);
        var output = new StringBuilder();
        foreach (var line in File.ReadLines(file.FullName))
        {
            if (line.Length > 0 && filter.Matches(AuditCodec.Parse(line)))
            {
                output.AppendLine(line);
            }
        }

        Console.Write(output.ToString());
        return 0;
    }
}
