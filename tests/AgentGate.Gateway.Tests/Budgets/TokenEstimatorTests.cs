using System.Text;
using AgentGate.Gateway.Budgets;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class TokenEstimatorTests
{
    [Fact]
    public void Estimate_MessagesRequest_CountsTextAndReadsMaxTokens()
    {
        var text = new string('x', 4000);
        var body = Encoding.UTF8.GetBytes($$"""{"model":"m","max_tokens":2048,"messages":[{"role":"user","content":"{{text}}"}]}""");

        var (input, maxOutput) = TokenEstimator.Estimate(body);

        Assert.Equal(2048, maxOutput);
        Assert.InRange(input, 1000, 1100);
    }

    [Fact]
    public void Estimate_Image_AddsFlatImageCost()
    {
        var body = Encoding.UTF8.GetBytes("""{"messages":[{"content":[{"type":"image","source":{"type":"base64","data":"AAAA"}}]}]}""");

        var (input, _) = TokenEstimator.Estimate(body);

        Assert.True(input >= 1600, $"estimate {input}");
    }

    [Fact]
    public void Estimate_NotJson_FallsBackToSize()
    {
        var (input, maxOutput) = TokenEstimator.Estimate(Encoding.UTF8.GetBytes(new string('{', 400)));

        Assert.Equal(TokenEstimator.FromBytes(400), input);
        Assert.Equal(0, maxOutput);
    }
}
