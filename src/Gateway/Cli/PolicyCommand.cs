using System.CommandLine;
using AgentGate.Policy.Tooling;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate policy eval|test|conformance</c>: the Rego engine's tools, OPA-style.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data", "-d") { Description = "A .rego file, a .json data file, or a directory of both (repeatable)", AllowMultipleArgumentsPerToken = false };
        var input = new Option<string?>("--input", "-i") { Description = "A JSON file bound to input" };
        var query = new Argument<string>("QUERY") { Description = "A Rego query, e.g. data.agentgate.decision" };
        var eval = new Command("eval", "Evaluate a query; prints {\"result\":[…]} or {\"error\":{…}}") { data, input, query };
        eval.SetAction(parse => Print(new PolicyEval().Run(parse.GetValue(data) ?? [], parse.GetValue(input), parse.GetValue(query)!)));

        var paths = new Argument<string[]>("PATH") { Description = "Files or directories with modules, data and *_test.rego", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every test, not only failures and the summary" };
        var test = new Command("test", "Run every test_* rule like opa test") { paths, verbose };
        test.SetAction(parse => Print(new PolicyTestRunner().Run(parse.GetValue(paths)!, parse.GetValue(verbose))));

        var directory = new Argument<DirectoryInfo>("DIR") { Description = "A directory of OPA conformance case files (JSON)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with counts, groups and failures" };
        var conformance = new Command("conformance", "Run OPA conformance cases; passed/failed/skipped per group") { directory, json };
        conformance.SetAction(parse =>
        {
            var dir = parse.GetValue(directory)!;
            if (!dir.Exists)
            {
                Console.Error.WriteLine($"{dir.FullName} does not exist");
                return 2;
            }

            var report = new ConformanceRunner().Run(dir.FullName);
            Console.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return report.Failed == 0 ? 0 : 1;
        });

        return new Command("policy", "Evaluate, test and measure Rego policies") { eval, test, conformance };
    }

    private static int Print(ToolResult result)
    {
        Console.Out.Write(result.Output);
        return result.ExitCode;
    }
}
