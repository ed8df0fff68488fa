using System.Globalization;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Identity;

internal sealed class TokenStorageOptionsValidator : IValidateOptions<TokenStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenStorageOptions options)
    {
        var problems = new List<string>();
        if (options.CacheSeconds is < 0 or > 60 || double.IsNaN(options.CacheSeconds))
        {
            problems.Add($"AgentGate:Tokens:CacheSeconds: '{options.CacheSeconds.ToString(CultureInfo.InvariantCulture)}' must be between 0 and 60");
        }

        if (options.Path is not null && (options.Path.Trim().Length == 0 || options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0))
        {
            problems.Add($"AgentGate:Tokens:Path: '{options.Path}' is not a usable file path");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            problems.Add("AgentGate:Tokens:KeyPrefix: must not be empty");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
