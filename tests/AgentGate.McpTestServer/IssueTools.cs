using System.ComponentModel;
using ModelContextProtocol.Server;

namespace AgentGate.McpTestServer;

/// <summary>Tools whose answers let a test see what the process received: its arguments and its environment.</summary>
[McpServerToolType]
internal sealed class IssueTools
{
    public const string TokenVariable = "TRACKER_TOKEN";

    [McpServerTool(Name = "get_issue"), Description("Reads an issue; the answer names the tracker token the server was started with.")]
    public static string GetIssue([Description("Issue number")] int number) =>
        $"issue {number}: login fails; tracker token {Environment.GetEnvironmentVariable(TokenVariable) ?? "missing"}; pid {Environment.ProcessId}";

    [McpServerTool(Name = "list_files"), Description("Lists the names of the environment variables the server sees.")]
    public static string ListFiles() =>
        string.Join('\n', Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal));

    [McpServerTool(Name = "add_comment"), Description("Comments on an issue.")]
    public static string AddComment(int number, string text) => $"commented on {number}: {text}";
}
