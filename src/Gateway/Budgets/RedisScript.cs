using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// A Lua script sent as <c>EVALSHA</c> (the SHA1 is computed once here, so the script text never travels
/// on the hot path). When the server does not know it (<c>NOSCRIPT</c>: first use, restart, SCRIPT FLUSH,
/// failover) the call is repeated once as <c>EVAL</c>, which also caches the script on the server.
/// Variable-length KEYS/ARGV rule out <see cref="LuaScript"/>'s named parameters.
/// </summary>
internal sealed class RedisScript(string source)
{
    // SHA1 is what Redis names scripts by; it is an identifier here, not a security measure.
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));

    public string Source => source;

    public string Sha1 => Convert.ToHexStringLower(_sha1);

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(source, keys, args).ConfigureAwait(false);
        }
    }
}
