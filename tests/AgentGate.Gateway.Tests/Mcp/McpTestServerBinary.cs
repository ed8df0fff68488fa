using System.Reflection;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>Where the stdio test server (tests/AgentGate.McpTestServer, built as a project reference) was built.</summary>
internal static class McpTestServerBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var configuration = typeof(McpTestServerBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "AgentGate.McpTestServer", "bin", configuration, "net10.0", "AgentGate.McpTestServer.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("AgentGate.McpTestServer.dll was not built; build tests/AgentGate.Gateway.Tests (it references the project)");
    }
}
