using System.Text;
using System.Text.Json;
using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Fleet;

/// <summary>Renders `fleet ps` rows as an aligned text table or as JSON.</summary>
internal static class FleetTable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ToJson(IReadOnlyList<AgentStatus> rows) => JsonSerializer.Serialize(rows.Select(r => new
    {
        fleet = r.Fleet,
        agent = r.Agent,
        role = r.Role,
        task = r.Task,
        state = r.State,
        running = r.Running,
        image = r.Image,
        container = r.ContainerName,
        containerId = r.ContainerId,
        gateway = r.Gateway,
    }), Json);

    public static string ToText(IReadOnlyList<AgentStatus> rows)
    {
        string[] header = ["FLEET", "AGENT", "ROLE", "TASK", "STATE", "IMAGE", "CONTAINER"];
        var cells = rows.Select(r => new[] { r.Fleet, r.Agent, r.Role, r.Task, r.State, r.Image, r.ContainerName }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            text.AppendJoin("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).Append('\n');
        }

        return text.ToString();
    }
}
