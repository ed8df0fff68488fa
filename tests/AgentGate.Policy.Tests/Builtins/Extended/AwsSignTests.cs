using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class AwsSignTests
{
    private static readonly Value Config = J("""{"aws_access_key": "AKIDEXAMPLE", "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "aws_region": "us-east-1", "aws_service": "service"}""");

    [Fact]
    public void SignReq_AwsGetVanillaVector_KnownSignature()
    {
        // AWS SigV4 test suite "get-vanilla": GET / on example.amazonaws.com at 20150830T123600Z.
        var signed = (ObjectValue)Builtin("providers.aws.sign_req", J("""{"method": "GET", "url": "https://example.amazonaws.com/"}"""), Config, N(1440938160L * 1_000_000_000))!;
        var headers = (ObjectValue)signed.Get(S("headers"))!;
        Assert.Equal(
            S("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            headers.Get(S("Authorization")));
        Assert.Equal(S("20150830T123600Z"), headers.Get(S("x-amz-date")));
        Assert.Equal(S("example.amazonaws.com"), headers.Get(S("host")));
    }

    [Fact]
    public void SignReq_MissingRegion_BuiltinError()
    {
        var config = ((ObjectValue)Config).Without(S("aws_region"));
        Assert.Contains("missing required AWS config parameters(s): {\"aws_region\"}",
            Error("providers.aws.sign_req", J("""{"method": "GET", "url": "https://x/"}"""), config, N(0)).Message, StringComparison.Ordinal);
    }
}
