using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class RegoMetadataTests
{
    private static Value Eval(string query, params string[] modules)
    {
        var compiled = PolicyBundle.Compile(modules.Select((m, i) => new KeyValuePair<string, string>($"m{i}.rego", m)), ObjectValue.Empty);
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        var r = compiled.Bundle!.Evaluate(query, null);
        Assert.Null(r.Error);
        return Assert.Single(r.Rows)["x"];
    }

    private static void AssertJson(string expected, Value actual) => Assert.Equal(ValueJson.Parse(expected), actual);

    [Fact]
    public void MetadataRule_AuthorsAndTitle_OpaShape()
    {
        const string module = """
            # METADATA
            # description: The suite
            package t

            # METADATA
            # title: Testing
            # authors:
            # - Jane Doe <jane@example.com>
            # - name: Bob
            # related_resources:
            # - https://example.com/docs
            # - ref: https://example.com/more
            #   description: more
            # organizations: [acme]
            # entrypoint: true
            # custom:
            #   severity: high
            p := rego.metadata.rule()
            """;
        AssertJson("""
            {"scope": "rule", "title": "Testing", "entrypoint": true, "organizations": ["acme"],
             "authors": [{"name": "Jane Doe", "email": "jane@example.com"}, {"name": "Bob"}],
             "related_resources": [{"ref": "https://example.com/docs"}, {"ref": "https://example.com/more", "description": "more"}],
             "custom": {"severity": "high"}}
            """, Eval("x := data.t.p", module));
    }

    [Fact]
    public void MetadataChain_PackageAndRule_InnermostFirst()
    {
        const string module = """
            # METADATA
            # title: pkg
            package a.b

            # METADATA
            # title: rule
            p := rego.metadata.chain()
            """;
        const string parent = """
            # METADATA
            # scope: subpackages
            # title: all of a
            package a
            """;
        AssertJson("""
            [{"path": ["a", "b", "p"], "annotations": {"scope": "rule", "title": "rule"}},
             {"path": ["a", "b"], "annotations": {"scope": "package", "title": "pkg"}},
             {"path": ["a"], "annotations": {"scope": "subpackages", "title": "all of a"}}]
            """, Eval("x := data.a.b.p", module, parent));
    }

    [Fact]
    public void MetadataChain_DocumentScopeOnOtherRule_AppliesToEveryRuleOfThePath()
    {
        const string module = """
            package t

            # METADATA
            # scope: document
            # description: the q document
            q := 1 if false

            q := [rego.metadata.chain(), rego.metadata.rule()] if true

            r := rego.metadata.chain()
            """;
        AssertJson("""
            [[{"path": ["t", "q"]}, {"path": ["t", "q"], "annotations": {"scope": "document", "description": "the q document"}}], {}]
            """, Eval("x := data.t.q", module));
        AssertJson("""[{"path": ["t", "r"]}]""", Eval("x := data.t.r", module));
    }

    [Fact]
    public void MetadataChain_PackageBlockInOtherModule_SeenByEveryModuleOfThePackage()
    {
        const string annotated = """
            # METADATA
            # description: shared package notes
            package t
            """;
        AssertJson("""
            [{"path": ["t", "p"]}, {"path": ["t"], "annotations": {"scope": "package", "description": "shared package notes"}}]
            """, Eval("x := data.t.p", annotated, "package t\n\np := rego.metadata.chain()"));
    }

    [Fact]
    public void MetadataChain_RuleAndDocumentBlocks_RuleFirstThenDocument()
    {
        const string module = """
            package t

            # METADATA
            # scope: document
            # title: doc
            p := "foo" if false

            # METADATA
            # title: this rule
            p := rego.metadata.chain()
            """;
        AssertJson("""
            [{"path": ["t", "p"], "annotations": {"scope": "rule", "title": "this rule"}},
             {"path": ["t", "p"], "annotations": {"scope": "document", "title": "doc"}}]
            """, Eval("x := data.t.p", module));
    }

    [Fact]
    public void MetadataRule_NoAnnotations_EmptyObject() =>
        AssertJson("{}", Eval("x := data.t.p", "package t\n# just a comment\np := rego.metadata.rule()"));

    [Fact]
    public void Compile_BadYamlInMetadata_ParseErrorWithLocation()
    {
        var compiled = PolicyBundle.Compile([new("bad.rego", "package t\n\n# METADATA\n# title: [unclosed\np := 1")], ObjectValue.Empty);
        Assert.False(compiled.Success);
        var e = compiled.Errors[0];
        Assert.Equal("rego_parse_error", e.Code);
        Assert.StartsWith("bad.rego:3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# METADATA\n# scope: package\np := 1")]
    [InlineData("# METADATA\n# scope: elsewhere\np := 1")]
    [InlineData("# METADATA\n# authors:\n# - {}\np := 1")]
    public void Compile_InvalidAnnotation_ParseError(string rule)
    {
        var compiled = PolicyBundle.Compile([new("bad.rego", "package t\n" + rule)], ObjectValue.Empty);
        Assert.False(compiled.Success);
        Assert.Equal("rego_parse_error", compiled.Errors[0].Code);
    }
}
