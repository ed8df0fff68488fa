#!/usr/bin/env python3
"""Dev tool: a fake model provider on loopback, for trying the gateway without a real API key.

    python3 scripts/fake-upstream.py 18555
    AGENTGATE__PROVIDERS__anthropic__BaseUrl=http://127.0.0.1:18555 \
    AGENTGATE__PROVIDERS__openai__BaseUrl=http://127.0.0.1:18555 dotnet run --project src/Gateway -- serve

Answers POST /v1/messages like Anthropic and POST /v1/chat/completions like OpenAI (JSON, or SSE when the
request has "stream": true) with a fixed reply and usage of 12 input / 31 output tokens. It logs the path and
the credential the gateway sent, so you can see the agent token was replaced by the provider key.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USAGE_IN, USAGE_OUT = 12, 31


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        sys.stderr.write(f"{self.path} x-api-key={self.headers.get('x-api-key')} "
                         f"authorization={self.headers.get('authorization')}\n")
        model = body.get("model", "unknown")
        openai = self.path.endswith("/chat/completions")
        if body.get("stream"):
            self._stream(self._openai_events(model) if openai else self._anthropic_events(model))
            return
        if openai:
            answer = {"id": "chatcmpl-fake", "object": "chat.completion", "model": model,
                      "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
                      "usage": {"prompt_tokens": USAGE_IN, "completion_tokens": USAGE_OUT,
                                "total_tokens": USAGE_IN + USAGE_OUT}}
        else:
            answer = {"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
                      "content": [{"type": "text", "text": "hi"}], "stop_reason": "end_turn",
                      "usage": {"input_tokens": USAGE_IN, "output_tokens": USAGE_OUT}}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, events):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.end_headers()
        for chunk in events:
            self.wfile.write(chunk.encode())
            self.wfile.flush()

    @staticmethod
    def _anthropic_events(model):
        def event(name, payload):
            return f"event: {name}\ndata: {json.dumps(payload)}\n\n"
        yield event("message_start", {"type": "message_start", "message": {
            "id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": [],
            "usage": {"input_tokens": USAGE_IN, "output_tokens": 1}}})
        yield event("content_block_start", {"type": "content_block_start", "index": 0,
                                            "content_block": {"type": "text", "text": ""}})
        yield event("content_block_delta", {"type": "content_block_delta", "index": 0,
                                            "delta": {"type": "text_delta", "text": "hi"}})
        yield event("content_block_stop", {"type": "content_block_stop", "index": 0})
        yield event("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                                      "usage": {"output_tokens": USAGE_OUT}})
        yield event("message_stop", {"type": "message_stop"})

    @staticmethod
    def _openai_events(model):
        def chunk(payload):
            return f"data: {json.dumps(payload)}\n\n"
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model}
        yield chunk({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "hi"}}]})
        yield chunk({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": USAGE_IN, "completion_tokens": USAGE_OUT,
                               "total_tokens": USAGE_IN + USAGE_OUT}})
        yield "data: [DONE]\n\n"


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 18555
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
