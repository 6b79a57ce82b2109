"""Measures a running seam-engine over its Unix socket: prefix reuse over a three-turn
conversation, time to first token and decode speed. Standard library only.

Usage: python3 serve_benchmark.py SOCKET [--tokens N] [--runs N]

Prints, from one run:
- for a 3-turn chat, the prompt tokens the engine computed with prefix reuse (from
  /v1/engine/state) against the tokens a server without reuse computes (every prompt in full),
  and the third turn's time to first token with its state cached and from scratch;
- time to first token (request sent to the first generated text) and decode tokens per second
  (between the first and the last token, ignore_eos so every run generates N tokens), as medians.
"""

import json
import socket
import statistics
import sys
import time


class UnixHTTP:
    """HTTP/1.1 over a Unix socket, one request per connection."""

    def __init__(self, path):
        self.path = path

    def request(self, method, target, body=None):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(self.path)
        payload = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {len(payload)}\r\n\r\n"
        connection.sendall(head.encode() + payload)
        return connection

    def json(self, method, target, body=None):
        connection = self.request(method, target, body)
        data = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        connection.close()
        head, _, rest = data.partition(b"\r\n\r\n")
        if b"chunked" in head.lower():
            rest = dechunk(rest)
        return json.loads(rest)

    def stream(self, target, body):
        """Yields (seconds since the request was sent, event payload) for each SSE event."""
        start = time.perf_counter()
        connection = self.request("POST", target, body)
        buffer = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n\n" in buffer:
                event, _, buffer = buffer.partition(b"\n\n")
                for line in event.split(b"\n"):
                    if line.startswith(b"data: "):
                        yield time.perf_counter() - start, line[6:].decode()
        connection.close()


def dechunk(data):
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2 :]
    return out


def timed_chat(http, messages, max_tokens, ignore_eos=True):
    """Streams one chat completion; returns (ttft, decode tokens/s, tokens, text, usage)."""
    body = {
        "messages": messages,
        "max_tokens": max_tokens,
        "temperature": 0,
        "stream": True,
        "stream_options": {"include_usage": True},
        "ignore_eos": ignore_eos,
    }
    first = last = None
    text = ""
    usage = None
    for elapsed, payload in http.stream("/v1/chat/completions", body):
        if payload == "[DONE]":
            break
        chunk = json.loads(payload)
        if "error" in chunk:
            raise RuntimeError(chunk["error"]["message"])
        if chunk.get("usage"):
            usage = chunk["usage"]
        for choice in chunk.get("choices", []):
            piece = (choice.get("delta") or {}).get("content") or (choice.get("delta") or {}).get("reasoning_content")
            if piece:
                text += piece
                if first is None:
                    first = elapsed
                last = elapsed
    tokens = usage["completion_tokens"] if usage else 0
    rate = (tokens - 1) / (last - first) if first is not None and last > first and tokens > 1 else float("nan")
    return first, rate, tokens, text, usage


def main():
    path = sys.argv[1]
    tokens = int(sys.argv[sys.argv.index("--tokens") + 1]) if "--tokens" in sys.argv else 128
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    http = UnixHTTP(path)
    model = http.json("GET", "/v1/models")["data"][0]["id"]
    print(f"model: {model}")

    # Prefix reuse over three turns.
    before = http.json("GET", "/v1/engine/state")["prefix_cache"]
    system = {"role": "system", "content": "You are a careful senior engineer reviewing a JavaScript code base. " * 8}
    turns = ["Explain what readConfig does.", "Now convert it to TypeScript.", "Add a unit test for it."]
    messages = [system]
    prompts = []
    cached = []
    for turn in turns:
        messages.append({"role": "user", "content": turn})
        _, _, _, text, usage = timed_chat(http, messages, 48, ignore_eos=False)
        prompts.append(usage["prompt_tokens"])
        cached.append(usage["prompt_tokens_details"]["cached_tokens"])
        messages.append({"role": "assistant", "content": text})
    after = http.json("GET", "/v1/engine/state")["prefix_cache"]
    computed = after["computed_tokens"] - before["computed_tokens"]
    print(f"3-turn conversation: prompt tokens per turn {prompts}, reused {cached}")
    print(f"  prompt tokens computed with prefix reuse: {computed}; without reuse: {sum(prompts)} ({sum(prompts) / max(computed, 1):.2f}x)")
    third = messages[:-1]
    warm_times, cold_times = [], []
    for _ in range(runs):
        warm_times.append(timed_chat(http, third, 8, ignore_eos=True)[0])
        for session in http.json("GET", "/v1/engine/sessions")["data"]:
            http.json("DELETE", f"/v1/engine/sessions/{session['id']}")
        cold_times.append(timed_chat(http, third, 8, ignore_eos=True)[0])
    warm, cold = statistics.median(warm_times), statistics.median(cold_times)
    print(f"  third turn time to first token (median of {runs}): {warm * 1000:.1f} ms with its prefix cached, {cold * 1000:.1f} ms from scratch ({cold / warm:.1f}x)")

    # Time to first token and decode speed.
    prompt = [{"role": "user", "content": "Refactor this module to use async/await: " + "const data = fs.readFileSync(file); " * 40}]
    ttfts, rates = [], []
    for run in range(runs):
        for session in http.json("GET", "/v1/engine/sessions")["data"]:
            http.json("DELETE", f"/v1/engine/sessions/{session['id']}")
        ttft, rate, generated, _, usage = timed_chat(http, prompt, tokens)
        ttfts.append(ttft)
        rates.append(rate)
    print(
        f"time to first token ({usage['prompt_tokens']} prompt tokens, nothing cached): median {statistics.median(ttfts) * 1000:.1f} ms over {runs} runs"
    )
    print(f"decode: median {statistics.median(rates):.1f} tokens/s over {runs} runs of {tokens} tokens")


if __name__ == "__main__":
    main()
