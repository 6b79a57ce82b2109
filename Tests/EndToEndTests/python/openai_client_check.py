"""Drives a running seam-engine through the official `openai` Python package.

Usage: python3 openai_client_check.py SOCKET

The client talks HTTP over the engine's Unix socket through httpx's `HTTPTransport(uds=...)`
(`httpx2` for the openai releases built on it, `httpx` for the earlier ones).
Every check asserts what the engine must answer; the script prints one line per check and exits
non-zero on the first failure (with the reason).
"""

import json
import sys

try:
    import openai

    try:
        import httpx2 as httpx  # openai 3.x is built on httpx2
    except ImportError:
        import httpx
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"missing Python package: {error.name}; install it with: python3 -m pip install openai", file=sys.stderr)
    sys.exit(3)


def check(name, condition, detail=""):
    if not condition:
        print(f"FAILED: {name} {detail}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {name}")


def main(socket_path):
    client = openai.OpenAI(
        base_url="http://localhost/v1",
        api_key="unused-for-the-local-engine",
        http_client=httpx.Client(transport=httpx.HTTPTransport(uds=socket_path), timeout=120),
    )

    models = client.models.list()
    ids = [model.id for model in models.data]
    check("models.list returns the engine's model", ids == ["deepseek-v4-tiny"], ids)
    model = ids[0]

    messages = [{"role": "user", "content": "Write a function that adds two numbers."}]
    whole = client.chat.completions.create(model=model, messages=messages, max_tokens=10, temperature=0)
    check("chat completion object", whole.object == "chat.completion" and whole.id.startswith("chatcmpl-"), whole.id)
    check("assistant message", whole.choices[0].message.role == "assistant")
    check("finish reason", whole.choices[0].finish_reason in ("stop", "length"), whole.choices[0].finish_reason)
    usage = whole.usage
    check("usage adds up", usage.total_tokens == usage.prompt_tokens + usage.completion_tokens, usage)
    check("completion tokens bounded", 0 < usage.completion_tokens <= 10 or whole.choices[0].finish_reason == "stop", usage)

    chunks = list(
        client.chat.completions.create(
            model=model, messages=messages, max_tokens=10, temperature=0, stream=True, stream_options={"include_usage": True}
        )
    )
    check("one id per streamed completion", len({chunk.id for chunk in chunks}) == 1)
    check("first delta carries the role", chunks[0].choices[0].delta.role == "assistant")
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    check("streamed content equals the whole answer", streamed == (whole.choices[0].message.content or ""), repr(streamed))
    check("usage chunk last", chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == usage.completion_tokens)
    check("cached tokens reported", chunks[-1].usage.prompt_tokens_details.cached_tokens == usage.prompt_tokens)

    no_usage = list(client.chat.completions.create(model=model, messages=messages, max_tokens=3, temperature=0, stream=True))
    check("no usage chunk unless asked", all(chunk.usage is None for chunk in no_usage) and all(chunk.choices for chunk in no_usage))

    text = client.completions.create(model=model, prompt="def add(a, b):", max_tokens=6, temperature=0)
    check("text completion object", text.object == "text_completion" and text.id.startswith("cmpl-"), text.id)
    pieces = list(client.completions.create(model=model, prompt="def add(a, b):", max_tokens=6, temperature=0, stream=True))
    check("streamed text equals the whole text", "".join(piece.choices[0].text for piece in pieces if piece.choices) == text.choices[0].text)

    tools = [
        {
            "type": "function",
            "function": {"name": "get_time", "description": "The current time", "parameters": {"type": "object", "properties": {}}},
        }
    ]
    question = {"role": "user", "content": "What time is it?"}
    called = client.chat.completions.create(
        model=model, messages=[question], tools=tools, tool_choice={"type": "function", "function": {"name": "get_time"}}
    )
    check("tool call finish reason", called.choices[0].finish_reason == "tool_calls", called.choices[0].finish_reason)
    calls = called.choices[0].message.tool_calls or []
    check("one tool call", len(calls) == 1 and calls[0].function.name == "get_time", calls)
    check("tool call arguments are JSON", json.loads(calls[0].function.arguments) == {}, calls[0].function.arguments)
    streamed_calls = [
        call
        for chunk in client.chat.completions.create(
            model=model, messages=[question], tools=tools, tool_choice={"type": "function", "function": {"name": "get_time"}}, stream=True
        )
        if chunk.choices and chunk.choices[0].delta.tool_calls
        for call in chunk.choices[0].delta.tool_calls
    ]
    check("streamed tool call deltas", streamed_calls[0].index == 0 and streamed_calls[0].function.name == "get_time", streamed_calls)
    answer = client.chat.completions.create(
        model=model,
        messages=[
            question,
            called.choices[0].message.model_dump(exclude_none=True),
            {"role": "tool", "tool_call_id": calls[0].id, "content": "12:00"},
        ],
        tools=tools,
        max_tokens=8,
        temperature=0,
    )
    check("answer after the tool result", answer.choices[0].message.role == "assistant" and answer.choices[0].finish_reason in ("stop", "length"))

    try:
        client.chat.completions.create(model=model, messages=[], max_tokens=1)
        check("empty messages refused", False)
    except openai.BadRequestError as error:
        check("400 for empty messages", error.status_code == 400 and error.body.get("param") == "messages", error.body)

    try:
        client.chat.completions.create(model=model, messages=messages, temperature=7)
        check("bad temperature refused", False)
    except openai.BadRequestError as error:
        check("400 names the parameter", error.body.get("param") == "temperature", error.body)

    try:
        client.chat.completions.create(model="gpt-4o", messages=messages, max_tokens=1)
        check("unknown model refused", False)
    except openai.NotFoundError as error:
        check("404 for an unknown model", error.status_code == 404 and error.body.get("code") == "model_not_found", error.body)

    print("all checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
