using System.CommandLine;
using AgentGate.Gateway.Fleet;
using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate fleet up|down|ps</c>: sandboxed agent fleets from a manifest, tokens issued through the admin API.</summary>
internal static class FleetCommand
{
    public static Command Create()
    {
        var adminUrl = new Option<string>("--admin-url") { Description = "Admin listener", DefaultValueFactory = _ => FleetCli.DefaultAdminUrl };
        var adminToken = new Option<string?>("--admin-token") { Description = "Admin token (default: $AGENTGATE_ADMIN_TOKEN)" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port of the gateway's agent listener", DefaultValueFactory = _ => 8080 };
        var stagger = new Option<string>("--stagger") { Description = "Delay between agent start-ups: 0, plain seconds (0.5), 2s, 1m (no ms unit)", DefaultValueFactory = _ => "2s" };
        var noFirewall = new Option<bool>("--no-host-firewall") { Description = "Do not restrict the fleet bridge's host access with iptables (needs root otherwise)" };
        var parallel = new Option<int?>("--parallel") { Description = "Agents prepared or removed at once (default: the manifest's parallelism, else 4); starts stay spaced by --stagger" };
        var upFile = new Argument<string>("FILE") { Description = "Fleet manifest (YAML)" };
        var up = new Command("up", "Start every agent of a manifest in its own hardened container") { upFile, adminUrl, adminToken, gatewayPort, stagger, parallel, noFirewall };
        up.SetAction((p, ct) => FleetCli.RunAsync(() => UpAsync(p.GetValue(upFile)!, p.GetValue(adminUrl)!, p.GetValue(adminToken),
            p.GetValue(gatewayPort), p.GetValue(stagger)!, p.GetValue(parallel), !p.GetValue(noFirewall), ct)));

        var downFile = new Argument<string>("FILE") { Description = "Fleet manifest (YAML)" };
        var down = new Command("down", "Remove a fleet's containers, network and firewall rules; revoke its tokens") { downFile, adminUrl, adminToken, parallel, noFirewall };
        down.SetAction((p, ct) => FleetCli.RunAsync(() => DownAsync(p.GetValue(downFile)!, p.GetValue(adminUrl)!, p.GetValue(adminToken), p.GetValue(parallel), !p.GetValue(noFirewall), ct)));

        var fleet = new Option<string?>("--fleet") { Description = "Only this fleet" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var ps = new Command("ps", "List sandboxed agents") { fleet, json };
        ps.SetAction((p, ct) => FleetCli.RunAsync(() => PsAsync(p.GetValue(fleet), p.GetValue(json), ct)));

        return new Command("fleet", "Run fleets of sandboxed agents") { up, down, ps };
    }

    internal static TimeSpan ParseStagger(string text) =>
        text.Trim() is "0" or "0s" ? TimeSpan.Zero
        : DurationParser.TryParse(text, out var d) ? d
        : throw new FleetCliException("invalid_option", $"--stagger '{text}' is not a duration like 0, 2s, 1m");

    private static async Task<int> UpAsync(string file, string adminUrl, string? adminToken, int port, string stagger, int? parallel, bool firewall, CancellationToken ct)
    {
        var options = new FleetOptions { GatewayPort = port, StaggerDelay = ParseStagger(stagger), RestrictHostAccess = firewall };
        if (parallel is { } n) options.Parallelism = n;
        if (options.Validate() is { Count: > 0 } problems) throw new FleetCliException("invalid_option", "invalid fleet options", problems);
        var manifest = FleetCli.LoadManifest(file);
        if (parallel is { } chosen) manifest = manifest with { Parallelism = chosen };
        var token = FleetCli.RequireAdminToken(adminToken);
        using var issuer = new AdminApiTokenIssuer(FleetCli.ParseUrl("--admin-url", adminUrl), token);
        using var runtime = await FleetCli.ConnectDockerAsync(ct);
        options.GatewayInstance = await issuer.GetGatewayInstanceAsync(ct);
        var result = await new FleetManager(runtime, issuer, options).UpAsync(manifest, ct);
        Console.WriteLine($"fleet {result.Fleet} is up: network {result.NetworkName}, gateway {result.GatewayUrl}");
        Console.Write(FleetTable.ToText(result.Agents));
        return 0;
    }

    private static async Task<int> DownAsync(string file, string adminUrl, string? adminToken, int? parallel, bool firewall, CancellationToken ct)
    {
        var manifest = FleetCli.LoadManifest(file);
        var options = new FleetOptions { RestrictHostAccess = firewall, Parallelism = parallel ?? manifest.Parallelism ?? FleetOptions.DefaultParallelism };
        if (options.Validate() is { Count: > 0 } problems) throw new FleetCliException("invalid_option", "invalid fleet options", problems);
        var token = FleetCli.RequireAdminToken(adminToken);
        using var issuer = new AdminApiTokenIssuer(FleetCli.ParseUrl("--admin-url", adminUrl), token);
        using var runtime = await FleetCli.ConnectDockerAsync(ct);
        var manager = new FleetManager(runtime, issuer, options);
        var result = await manager.DownAsync(manifest.Name, ct);
        Console.WriteLine($"fleet {result.Fleet} is down: {result.ContainersRemoved} container(s), {result.NetworksRemoved} network(s) removed, {result.TokensRevoked} token(s) revoked");
        await FleetReaping.ReapDeadAsync(manager, ct);
        return 0;
    }

    private static async Task<int> PsAsync(string? fleet, bool json, CancellationToken ct)
    {
        using var runtime = await FleetCli.ConnectDockerAsync(ct);
        // ps issues no tokens; the issuer is never called.
        using var issuer = new AdminApiTokenIssuer(new Uri(FleetCli.DefaultAdminUrl), "unused");
        var rows = await new FleetManager(runtime, issuer, new FleetOptions { RestrictHostAccess = false }).PsAsync(fleet, ct);
        Console.Write(json ? FleetTable.ToJson(rows) + "\n" : FleetTable.ToText(rows));
        return 0;
    }
}
