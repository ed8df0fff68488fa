using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.GitProxy;
using AgentGate.Gateway.Guards.Git;
using AgentGate.Policy.Values;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Cli;

/// <summary>The work of <c>agentgate git check</c>: build the <c>git</c> action exactly as the proxy does and decide it.</summary>
internal static class GitCheck
{
    internal sealed record Request(
        string Agent, string Repo, string Ref, string? Old, string? New, bool Force, bool Delete,
        FileInfo? Config, DirectoryInfo? Policy, string? Role, string? Lane);

    private static readonly string Zero = new('0', 40);
    private static readonly string Placeholder = new('f', 40);

    public static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        if (request.Config is { Exists: false } || request.Policy is { Exists: false })
        {
            return await FailAsync($"'{(request.Config is { Exists: false } ? request.Config.FullName : request.Policy!.FullName)}' does not exist");
        }

        var configuration = new ConfigurationBuilder();
        if (request.Config is { } file)
        {
            configuration.AddJsonFile(file.FullName, optional: false);
        }

        var settings = configuration.Build();
        var section = settings.GetSection("AgentGate:Agents:" + request.Agent);
        var role = request.Role ?? section["Role"];
        if (role is null)
        {
            return await FailAsync($"agent '{request.Agent}' is not in the configuration; pass --config or --role");
        }

        var agent = new AgentConfig(request.Agent, role, request.Lane ?? section["Lane"] ?? "default", section["Owner"] ?? "unknown");
        var update = Update(request);
        if (update is null)
        {
            return await FailAsync("--old and --new must be 40 or 64 lowercase hex digits");
        }

        var classified = request.Force || request.Delete || update.IsCreate
            ? new ClassifiedUpdate(update, request.Force && !request.Delete)
            : await ComputeForceAsync(settings, request.Repo, update, cancellationToken);
        var policyPath = request.Policy?.FullName ?? settings["AgentGate:Policy:Path"];
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var engine = new PolicyEngine(
            new PolicySettings { Path = policyPath is null ? null : Path.GetFullPath(policyPath), RunTestsOnLoad = false, Watch = false, EvaluationTimeout = TimeSpan.FromSeconds(10) },
            TimeProvider.System, new PolicyMetrics(services.GetRequiredService<IMeterFactory>()), NullLogger<PolicyEngine>.Instance);
        var action = GitAction.Build(request.Repo, GitAction.ReceivePack, [classified]);
        var decision = engine.Decide(PolicyInput.Build(new CallIdentity(agent, null, "git-check"), action, TimeProvider.System.GetUtcNow()), cancellationToken);
        var verdict = !decision.Allow ? "deny" : decision.NeedsApproval ? "require_approval" : "allow";
        var output = new JsonObject
        {
            ["verdict"] = verdict,
            ["allow"] = decision.Allow && !decision.NeedsApproval,
            ["deny"] = new JsonArray([.. decision.Deny.Select(d => (JsonNode)d)]),
            ["require_approval"] = new JsonArray([.. decision.RequireApproval.Select(d => (JsonNode)d)]),
            ["rule"] = decision.Rule,
            ["revision"] = decision.Revision,
            ["update"] = classified.Describe(),
            ["action"] = JsonNode.Parse(ValueJson.Serialize(action)),
        };
        if (engine.LastFailure is { } failure)
        {
            output["policy_load_errors"] = JsonSerializer.SerializeToNode(failure.Errors);
        }

        await Console.Out.WriteLineAsync(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return verdict switch { "allow" => 0, "deny" => 1, _ => 3 };
    }

    private static RefUpdate? Update(Request r)
    {
        var old = r.Old ?? (r.Force || r.Delete ? Placeholder : Zero);
        var @new = r.Delete ? Zero : r.New ?? Placeholder;
        return IsId(old) && IsId(@new) ? new RefUpdate(r.Ref, old, @new) : null;
    }

    /// <summary>A local (file://) repository answers exactly for objects it holds; anything else counts as force.</summary>
    private static async Task<ClassifiedUpdate> ComputeForceAsync(IConfiguration settings, string repoName, RefUpdate update, CancellationToken cancellationToken)
    {
        var repo = GitRepoCatalog.Read(settings).Find(repoName);
        if (repo is not { IsLocal: true })
        {
            return new ClassifiedUpdate(update, true, "no local repository to compute it from; pass --force or omit --old");
        }

        var answer = await new GitCliAncestryChecker().CheckAsync(repo.LocalPath, null, update.Old, update.New, cancellationToken);
        return answer == AncestryAnswer.Unknown
            ? new ClassifiedUpdate(update, true, "an object is not in the repository")
            : new ClassifiedUpdate(update, answer == AncestryAnswer.NotAncestor);
    }

    private static bool IsId(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("agentgate git check: " + message);
        return 2;
    }
}
