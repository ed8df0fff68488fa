using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Guards.Git;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.GitProxy;

/// <summary>Builds the policy's <c>git</c> action and turns a refused push into git's own refusal body.</summary>
internal static class GitAction
{
    public const string UploadPack = "upload-pack";
    public const string ReceivePack = "receive-pack";

    public static ObjectValue Build(string repo, string service, IReadOnlyList<ClassifiedUpdate> updates) =>
        PolicyInput.Object(
            ("kind", StringValue.From("git")),
            ("repo", StringValue.From(repo)),
            ("service", StringValue.From(service)),
            ("updates", ArrayValue.From(updates.Select(u => (Value)PolicyInput.Object(
                ("ref", StringValue.From(u.Update.Ref)),
                ("old", StringValue.From(u.Update.Old)),
                ("new", StringValue.From(u.Update.New)),
                ("force", BooleanValue.From(u.Force)),
                ("delete", BooleanValue.From(u.Update.IsDelete)))))));

    /// <summary>A receive-pack result refusing the push: each ref gets the policy reasons that name it.</summary>
    public static byte[] Refusal(ReceivePackRequest request, IReadOnlyList<ClassifiedUpdate> updates, EnforcementOutcome outcome)
    {
        var reasons = outcome.Decision.Deny.Count > 0 ? outcome.Decision.Deny : outcome.Decision.RequireApproval;
        var prefix = outcome.Verdict == EnforcementVerdict.HeldForApproval ? $"approval required ({outcome.ApprovalId}): " : "denied by policy: ";
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in request.Updates)
        {
            var mine = reasons.Where(r => r.Contains(u.Ref, StringComparison.Ordinal)).ToList();
            if (mine.Count > 0)
            {
                rejected[u.Ref] = prefix + string.Join("; ", mine);
            }
        }

        if (rejected.Count == 0)
        {
            foreach (var u in request.Updates)
            {
                rejected[u.Ref] = prefix + outcome.Decision.Message;
            }
        }

        var messages = new List<string> { $"agentgate: push refused by policy rule {outcome.Decision.Rule} (revision {outcome.Decision.Revision})" };
        messages.AddRange(reasons.Select(r => "agentgate: " + r));
        messages.AddRange(updates.Where(u => u.Undecided is not null).Select(u => $"agentgate: {u.Update.Ref} was treated as a force push: {u.Undecided}"));
        if (outcome.ApprovalId is { } id)
        {
            messages.Add($"agentgate: approval {id} is pending; push again once it is approved");
        }

        return ReceivePackRefusalWriter.Build(request, rejected, messages);
    }
}
