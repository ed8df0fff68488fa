namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class TemplateBuiltinsTests
{
    [Theory]
    [InlineData("\"{{.test}}\"", "{\"test\": \"hello world\"}", "\"hello world\"")]
    [InlineData("\"{{.a.b}}-{{.n}}\"", "{\"a\": {\"b\": \"x\"}, \"n\": 1.5}", "\"x-1.5\"")]
    [InlineData("\"{{range $i, $v := .l}}{{$i}}={{$v}};{{end}}\"", "{\"l\": [\"a\", \"b\"]}", "\"0=a;1=b;\"")]
    [InlineData("\"{{range .l}}[{{.}}]{{else}}none{{end}}\"", "{\"l\": []}", "\"none\"")]
    [InlineData("\"{{if .ok}}yes{{else if .other}}other{{else}}no{{end}}\"", "{\"ok\": false, \"other\": true}", "\"other\"")]
    [InlineData("\"a  {{- .x -}}  b\"", "{\"x\": 1}", "\"a1b\"")]
    [InlineData("\"{{.m}}\"", "{\"m\": {\"b\": [1, 2], \"a\": true}}", "\"map[a:true b:[1 2]]\"")]
    [InlineData("\"{{if eq .x \\\"y\\\"}}eq{{end}}{{/* note */}}\"", "{\"x\": \"y\"}", "\"eq\"")]
    [InlineData("\"{{printf \\\"%s-%d\\\" .s .n}}\"", "{\"s\": \"a\", \"n\": 7}", "\"a-7\"")]
    public void RenderTemplate_Template_Renders(string template, string vars, string expected) =>
        Builtin.Yields(expected, "strings.render_template", template, vars);

    [Fact]
    public void RenderTemplate_MissingKey_BuiltinError() =>
        Builtin.BuiltinError("map has no entry for key \"missing\"", "strings.render_template", "\"{{.missing}}\"", "{}");

    [Fact]
    public void RenderTemplate_Unclosed_BuiltinError() =>
        Builtin.BuiltinError("strings.render_template:", "strings.render_template", "\"{{if .x}}a\"", "{\"x\": 1}");
}
