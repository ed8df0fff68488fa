using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>Validates the whole budget section at start; every error names the key and the bad value.</summary>
internal sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    private const string P = BudgetOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        var errors = new List<string>();
        foreach (var (provider, pool) in options.Pools)
        {
            var key = $"{P}:Pools:{provider}";
            NotNegative(errors, $"{key}:RequestsPerMinute", pool.RequestsPerMinute);
            NotNegative(errors, $"{key}:InputTokensPerMinute", pool.InputTokensPerMinute);
            NotNegative(errors, $"{key}:OutputTokensPerMinute", pool.OutputTokensPerMinute);
            NotNegative(errors, $"{key}:MaxConcurrent", pool.MaxConcurrent);
            if (pool.MaxQueueWait < TimeSpan.Zero || pool.MaxQueueWait > TimeSpan.FromMinutes(10))
            {
                errors.Add($"{key}:MaxQueueWait must be between 00:00:00 and 00:10:00, got '{pool.MaxQueueWait}'.");
            }
        }

        Limit(errors, $"{P}:Fleet", options.Fleet);
        Limit(errors, $"{P}:Agent", options.Agent);
        Limit(errors, $"{P}:Task", options.Task);
        foreach (var (agent, limit) in options.Agents)
        {
            Limit(errors, $"{P}:Agents:{agent}", limit);
        }

        foreach (var (model, price) in options.Prices)
        {
            if (price.Input < 0 || price.Output < 0 || price.CacheRead < 0)
            {
                errors.Add($"{P}:Prices:{model} prices must not be negative, got Input={price.Input}, Output={price.Output}, CacheRead={price.CacheRead}.");
            }
        }

        foreach (var (model, window) in options.ContextWindows)
        {
            if (window <= 0)
            {
                errors.Add($"{P}:ContextWindows:{model} must be positive, got '{window}'.");
            }
        }

        if (options.ContextWarningRatio is <= 0 or > 1)
        {
            errors.Add($"{P}:ContextWarningRatio must be in (0, 1], got '{options.ContextWarningRatio}'.");
        }

        if (options.Replicas < 1)
        {
            errors.Add($"{P}:Replicas must be at least 1, got '{options.Replicas}'.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            errors.Add($"{P}:KeyPrefix must not be empty.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{P}:MaxRetries must be between 0 and 10, got '{options.MaxRetries}'.");
        }

        if (options.WindowSeconds is < 1 or > 3600)
        {
            errors.Add($"{P}:WindowSeconds must be between 1 and 3600, got '{options.WindowSeconds}'.");
        }

        if (options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{P}:MaxRetryDelay must be between 0 and 10 minutes, got '{options.MaxRetryDelay}'.");
        }

        if (options.DefaultBackoff <= TimeSpan.Zero)
        {
            errors.Add($"{P}:DefaultBackoff must be positive, got '{options.DefaultBackoff}'.");
        }

        if (options.LeaseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{P}:LeaseTimeout must be positive, got '{options.LeaseTimeout}'.");
        }

        if (options.CreditCalls is < 1 or > 1000)
        {
            errors.Add($"{P}:CreditCalls must be between 1 (off) and 1000, got '{options.CreditCalls}'.");
        }

        if (options.CreditHold <= TimeSpan.Zero || options.CreditHold > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{P}:CreditHold must be positive and at most 00:01:00, got '{options.CreditHold}'.");
        }

        if (options.TaskRetention <= TimeSpan.Zero)
        {
            errors.Add($"{P}:TaskRetention must be positive, got '{options.TaskRetention}'.");
        }

        if (options.DefaultMaxOutputTokens <= 0)
        {
            errors.Add($"{P}:DefaultMaxOutputTokens must be positive, got '{options.DefaultMaxOutputTokens}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void NotNegative(List<string> errors, string key, long value)
    {
        if (value < 0)
        {
            errors.Add($"{key} must not be negative, got '{value}'.");
        }
    }

    private static void Limit(List<string> errors, string key, BudgetLimitOptions limit)
    {
        if (limit.Tokens < 0)
        {
            errors.Add($"{key}:Tokens must not be negative, got '{limit.Tokens}'.");
        }

        if (limit.Cost < 0)
        {
            errors.Add($"{key}:Cost must not be negative, got '{limit.Cost}'.");
        }
    }
}
