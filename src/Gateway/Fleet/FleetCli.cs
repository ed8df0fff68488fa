using System.Text.Json;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Gateway.Fleet;

/// <summary>Shared plumbing of `agentgate fleet …` and `agentgate sandbox …`: manifests, dockerd, structured errors.</summary>
internal static class FleetCli
{
    public const string DefaultAdminUrl = "http://127.0.0.1:9090";

    /// <summary>Parses a manifest; every validation error becomes one detail of a <c>manifest_invalid</c> failure.</summary>
    public static FleetManifest LoadManifest(string path)
    {
        if (!File.Exists(path)) throw new FleetCliException("manifest_not_found", $"manifest '{path}' does not exist");
        FleetManifestResult result;
        try
        {
            result = FleetManifestParser.ParseFile(path);
        }
        catch (IOException ex)
        {
            throw new FleetCliException("manifest_unreadable", $"cannot read manifest '{path}': {ex.Message}");
        }

        if (!result.IsValid)
            throw new FleetCliException("manifest_invalid", $"manifest '{path}' has {result.Errors.Count} error(s)", result.Errors);
        return result.Manifest!;
    }

    /// <summary>Connects to dockerd and pings it, so an absent engine is one clear error rather than a stack trace.</summary>
    public static async Task<IContainerRuntime> ConnectDockerAsync(CancellationToken cancellationToken)
    {
        var endpoint = ContainerRuntimes.DefaultDockerEndpoint;
        var runtime = ContainerRuntimes.CreateDocker(endpoint);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await runtime.PingAsync(timeout.Token);
            return runtime;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            runtime.Dispose();
            throw new FleetCliException("docker_unreachable",
                $"cannot reach dockerd at {endpoint} ({ex.GetBaseException().Message}); is Docker running and is DOCKER_HOST right?");
        }
    }

    public static string RequireAdminToken(string? adminToken)
    {
        var token = adminToken ?? Environment.GetEnvironmentVariable("AGENTGATE_ADMIN_TOKEN");
        return string.IsNullOrEmpty(token)
            ? throw new FleetCliException("admin_token_missing", "an admin token is required: --admin-token or AGENTGATE_ADMIN_TOKEN")
            : token;
    }

    public static Uri ParseUrl(string option, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FleetCliException("invalid_option", $"{option} '{value}' is not an http(s) URL");

    /// <summary>Runs a command body, turning expected failures into a JSON error on stderr and exit code 1 (2 for usage).</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (FleetCliException ex)
        {
            await WriteErrorAsync(ex.Type, ex.Message, ex.Details);
            return ex.Type is "invalid_option" or "admin_token_missing" or "manifest_invalid" or "manifest_not_found" ? 2 : 1;
        }
        catch (FleetOperationException ex)
        {
            await WriteErrorAsync(ErrorTypeOf(ex), ex.Message, ex.Failures.Select(f => f.ToString()).ToList());
            return 1;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            await WriteErrorAsync("fleet_error", ex.Message, []);
            return 1;
        }
    }

    /// <summary>
    /// <c>fleet_up_failed</c> / <c>fleet_down_failed</c>, or the failures' own type when every one is the same expected
    /// failure (one agent's <c>token_issue_failed</c> stays <c>token_issue_failed</c>).
    /// </summary>
    internal static string ErrorTypeOf(FleetOperationException ex)
    {
        var types = ex.Failures.Select(f => (f.Error as FleetCliException)?.Type).Distinct().ToList();
        return types is [{ } only] ? only : $"fleet_{ex.Operation}_failed";
    }

    public static async Task WriteErrorAsync(string type, string message, IReadOnlyList<string> details)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            if (details.Count > 0)
            {
                writer.WriteStartArray("errors");
                foreach (var d in details) writer.WriteStringValue(d);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await Console.Error.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
