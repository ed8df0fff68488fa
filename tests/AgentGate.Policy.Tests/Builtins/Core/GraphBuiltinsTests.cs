using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class GraphBuiltinsTests
{
    [Theory]
    [InlineData("""{"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}""", """["a"]""", """["a", "b", "c"]""")]
    [InlineData("""{"a": ["b"], "b": ["a"]}""", """["a"]""", """["a", "b"]""")]
    [InlineData("""{"a": [], "b": []}""", """["a", "z"]""", """["a"]""")]
    public void Reachable_FromStartNodes_ReachedSet(string graph, string initial, string expected) =>
        Assert.Equal(Set(expected), Builtin("graph.reachable", J(graph), Set(initial)));

    [Theory]
    [InlineData("""{"a": ["b"], "b": ["c"], "c": ["d"], "d": []}""", """[["a", "b", "c", "d"]]""")]
    [InlineData("""{"a": ["b"], "b": ["a"]}""", """[["a", "b"]]""")]
    [InlineData("""{"a": ["x"]}""", """[["a"]]""")]
    [InlineData("""{"a": ["b", "c"], "b": [], "c": []}""", """[["a", "b"], ["a", "c"]]""")]
    [InlineData("""{"a": ["b", "c"], "b": ["c"], "c": []}""", """[["a", "b", "c"], ["a", "c"]]""")]
    [InlineData("""{"a": ["d", "c"], "b": [], "c": ["d"], "d": ["b"]}""", """[["a", "d", "b"], ["a", "c", "d", "b"]]""")]
    [InlineData("""{"a": null}""", """[["a"]]""")]
    [InlineData("{}", "[]")]
    public void ReachablePaths_FromA_PathsAsOpa(string graph, string expected) =>
        Assert.Equal(Set(expected), Builtin("graph.reachable_paths", J(graph), J("""["a"]""")));

    [Fact]
    public void Reachable_InitialNotCollection_TypeError()
    {
        var ex = Error("graph.reachable", J("{}"), N(1));
        Assert.Equal(BuiltinException.TypeErrorCode, ex.Code);
        Assert.Equal("graph.reachable: operand 2 must be one of {array, set} but got number", ex.Message);
    }

    /// <summary>A set with the items of a JSON array.</summary>
    private static SetValue Set(string arrayJson) => SetValue.From(((ArrayValue)J(arrayJson)).Items);
}
