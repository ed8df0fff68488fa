using AgentGate.Gateway.Metrics;

namespace AgentGate.Gateway.Tests.Metrics;

public sealed class StatusTagsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(599)]
    [InlineData(600)]
    [InlineData(-1)]
    public void Box_AnyStatus_BoxesTheSameNumber(int status) => Assert.Equal(status, (int)StatusTags.Box(status));

    [Fact]
    public void Box_CommonStatus_ReturnsTheSameBoxEveryTime() => Assert.Same(StatusTags.Box(200), StatusTags.Box(200));
}
