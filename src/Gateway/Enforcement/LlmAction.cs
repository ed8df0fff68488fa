using System.Collections.Concurrent;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// The policy's <c>input.action</c> of a model call. Calls repeat the same provider, model, route and limits,
/// so each distinct combination is built once and shared (bounded): no per-call objects, and equal actions
/// are the same instance, which makes comparing inputs cheap.
/// </summary>
internal static class LlmAction
{
    private const int MaxActions = 4096;

    private static readonly StringValue KindKey = StringValue.From("kind");
    private static readonly StringValue Llm = StringValue.From("llm");
    private static readonly StringValue ProviderKey = StringValue.From("provider");
    private static readonly StringValue ModelKey = StringValue.From("model");
    private static readonly StringValue MethodKey = StringValue.From("method");
    private static readonly StringValue PathKey = StringValue.From("path");
    private static readonly StringValue StreamKey = StringValue.From("stream");
    private static readonly StringValue MaxTokensKey = StringValue.From("max_tokens");

    private static readonly ConcurrentDictionary<Key, ObjectValue> Actions = new();

    public static ObjectValue For(LlmCall call)
    {
        var key = new Key(call.Provider.Name, call.Model, call.Method, call.Path, call.Stream, call.MaxTokens);
        if (Actions.TryGetValue(key, out var known))
        {
            return known;
        }

        var action = Build(key);
        if (Actions.Count >= MaxActions)
        {
            Actions.Clear();
        }

        Actions.TryAdd(key, action);
        return action;
    }

    private static ObjectValue Build(Key k) => ObjectValue.From(
    [
        new(KindKey, Llm),
        new(ProviderKey, StringValue.From(k.Provider)),
        new(ModelKey, PolicyInput.Str(k.Model)),
        new(MethodKey, StringValue.From(k.Method)),
        new(PathKey, StringValue.From(k.Path)),
        new(StreamKey, BooleanValue.From(k.Stream)),
        new(MaxTokensKey, k.MaxTokens is { } max ? NumberValue.From(max) : NullValue.Instance),
    ]);

    private readonly record struct Key(string Provider, string? Model, string Method, string Path, bool Stream, long? MaxTokens);
}
