using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>
/// The upstream server's tools under the shipped policy for a builder: <c>search</c> allowed,
/// <c>delete_repository</c> denied, <c>merge_pull_request</c> held for approval, <c>list_files</c> allowed and slow
/// (it reports progress, then waits to be released), <c>add_comment</c> denied for builders.
/// </summary>
[McpServerToolType]
internal sealed class RepoTools(McpUpstreamLedger ledger)
{
    [McpServerTool(Name = "search"), Description("Searches the repository.")]
    public string Search(string query)
    {
        ledger.Ran("search");
        return "found 3 matches for " + query;
    }

    [McpServerTool(Name = "delete_repository"), Description("Deletes the repository.")]
    public string DeleteRepository(string name)
    {
        ledger.Ran("delete_repository");
        return "deleted " + name;
    }

    [McpServerTool(Name = "merge_pull_request"), Description("Merges a pull request.")]
    public string MergePullRequest(int number)
    {
        ledger.Ran("merge_pull_request");
        return "merged #" + number;
    }

    [McpServerTool(Name = "add_comment"), Description("Comments on an issue.")]
    public string AddComment(int number, string text)
    {
        ledger.Ran("add_comment");
        return $"commented on {number}: {text}";
    }

    [McpServerTool(Name = "list_files"), Description("Lists files slowly, reporting progress.")]
    public async Task<string> ListFiles(IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        ledger.Ran("list_files");
        progress.Report(new ProgressNotificationValue { Progress = 1, Total = 2, Message = "scanning" });
        await ledger.ReleaseSlowTool.Task.WaitAsync(cancellationToken);
        return "README.md\nsrc/";
    }
}
