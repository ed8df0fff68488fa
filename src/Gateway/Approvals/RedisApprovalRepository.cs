using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Approvals shared by every replica through Redis. Key schema (prefix default <c>agentgate:{identity}:</c>):
/// <list type="bullet">
/// <item><c>{prefix}approval:{id}</c> — hash: doc (the request as JSON), state, expires (unix ms), decidedBy, decidedAt,
/// comment, consumedAt; TTL = the approval's expiry plus <see cref="ApprovalRetention.AfterExpiry"/>, so recent outcomes stay listable.</item>
/// <item><c>{prefix}approval-call:{revision}:{actionHash}</c> — string: the id of the open approval for that exact call; TTL = expiry.</item>
/// <item><c>{prefix}approvals</c> — sorted set of ids by creation time, for listing; ids whose hash has expired are pruned on read.</item>
/// </list>
/// Every transition is one Lua script (<see cref="RedisApprovalScripts"/>), so it is atomic across replicas.
/// </summary>
internal sealed class RedisApprovalRepository(IConnectionMultiplexer redis, string prefix) : IApprovalRepository
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => redis.GetDatabase();

    private string ApprovalPrefix => prefix + "approval:";

    private RedisKey Index => prefix + "approvals";

    public IReadOnlyList<Approval> List()
    {
        var ids = Db.SortedSetRangeByRank(Index);
        var approvals = new List<Approval>(ids.Length);
        foreach (var id in ids)
        {
            if (Get(id!) is { } approval)
            {
                approvals.Add(approval);
            }
            else
            {
                Db.SortedSetRemove(Index, id);
            }
        }

        return approvals;
    }

    public Approval? Get(string id) => Read(Db.HashGetAll(ApprovalPrefix + id));

    public Approval Open(Approval candidate, DateTimeOffset now)
    {
        var callTtl = Milliseconds(candidate.ExpiresAt - now);
        var keyTtl = Milliseconds(candidate.ExpiresAt - now + ApprovalRetention.AfterExpiry);
        var result = (string?)Db.ScriptEvaluate(
            RedisApprovalScripts.Open,
            [CallKey(candidate.ActionHash, candidate.PolicyRevision), ApprovalPrefix + candidate.Id, Index],
            [ApprovalPrefix, candidate.Id, JsonSerializer.Serialize(candidate, Json), Unix(now), Unix(candidate.ExpiresAt), callTtl, keyTtl, Unix(candidate.CreatedAt)]);
        return result == candidate.Id ? candidate : Get(result!) ?? candidate;
    }

    public ApprovalTransition Decide(string id, ApprovalDecision decision, DateTimeOffset now)
    {
        var result = (string?)Db.ScriptEvaluate(
            RedisApprovalScripts.Decide,
            [ApprovalPrefix + id],
            [decision.State.ToString().ToLowerInvariant(), decision.DecidedBy, Unix(decision.DecidedAt), decision.Comment ?? string.Empty, Unix(now)]);
        return new ApprovalTransition(result == "ok", result == "missing" ? null : Get(id));
    }

    public Approval? Consume(string actionHash, string policyRevision, DateTimeOffset now)
    {
        var id = (string?)Db.ScriptEvaluate(RedisApprovalScripts.Consume, [CallKey(actionHash, policyRevision)], [ApprovalPrefix, Unix(now), Unix(now)]);
        return id is null ? null : Get(id);
    }

    private RedisKey CallKey(string actionHash, string policyRevision) => prefix + "approval-call:" + policyRevision + ":" + actionHash;

    private static Approval? Read(HashEntry[] fields)
    {
        Approval? approval = null;
        string? by = null, comment = null;
        long? at = null;
        var state = ApprovalState.Pending;
        foreach (var field in fields)
        {
            switch ((string?)field.Name)
            {
                case "doc": approval = JsonSerializer.Deserialize<Approval>((string)field.Value!, Json); break;
                case "state": state = Enum.Parse<ApprovalState>((string)field.Value!, ignoreCase: true); break;
                case "decidedBy": by = field.Value; break;
                case "decidedAt": at = long.Parse((string)field.Value!, CultureInfo.InvariantCulture); break;
                case "comment": comment = field.Value.IsNullOrEmpty ? null : (string?)field.Value; break;
            }
        }

        return approval is null ? null : approval with
        {
            State = state,
            DecidedBy = by,
            DecidedAt = at is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            Comment = comment,
        };
    }

    private static long Unix(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));
}
