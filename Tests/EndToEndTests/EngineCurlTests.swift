#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

/// The `data:` payloads of a server-sent-event stream.
private func dataLines(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
}

@Suite("seam-engine with curl --unix-socket", .dedicatedThreads)
struct EngineCurlTests {
    @Test("curl streams a chat completion from the bundled checkpoint")
    func streamingChat() throws {
        let engine = try EngineTestProcess()
        let result = try engine.curl([
            "-N", "-i", "http://localhost/v1/chat/completions", "-H", "Content-Type: application/json", "-d",
            #"{"model":"deepseek-v4-tiny","messages":[{"role":"user","content":"Write hello world in JavaScript"}],"max_tokens":12,"temperature":0,"stream":true,"stream_options":{"include_usage":true}}"#,
        ])
        #expect(result.succeeded)
        #expect(result.output.hasPrefix("HTTP/1.1 200 OK"))
        #expect(result.output.contains("Content-Type: text/event-stream"))
        #expect(result.output.contains("Transfer-Encoding: chunked"))
        let payloads = dataLines(result.output)
        #expect(payloads.last == "[DONE]")
        #expect(payloads.first?.contains(#""role":"assistant""#) == true)
        #expect(payloads.dropLast().allSatisfy { $0.contains(#""object":"chat.completion.chunk""#) })
        #expect(payloads[payloads.count - 2].contains(#""usage":{"completion_tokens":"#))
        #expect(payloads.contains { $0.contains(#""finish_reason":"length""#) || $0.contains(#""finish_reason":"stop""#) })
    }

    @Test("curl gets a text completion, streamed and not")
    func completions() throws {
        let engine = try EngineTestProcess()
        let whole = try engine.curl([
            "http://localhost/v1/completions", "-d", #"{"prompt":"function fib(n) {","max_tokens":8,"temperature":0}"#,
        ])
        #expect(whole.output.contains(#""object":"text_completion""#))
        #expect(whole.output.contains(#""completion_tokens":"#))
        let streamed = try engine.curl([
            "-N", "http://localhost/v1/completions", "-d", #"{"prompt":"function fib(n) {","max_tokens":8,"temperature":0,"stream":true}"#,
        ])
        let payloads = dataLines(streamed.output)
        #expect(payloads.last == "[DONE]")
        #expect(payloads.count >= 3)
    }

    @Test("curl sees OpenAI error objects with the right status and the engine keeps serving")
    func errors() throws {
        let engine = try EngineTestProcess()
        let cases: [([String], String, String)] = [
            (["http://localhost/v1/chat/completions", "-d", "{not json"], "400", "invalid_request_error"),
            (["http://localhost/v1/chat/completions", "-d", #"{"messages":[{"role":"user","content":"x"}],"model":"nope"}"#], "404", "model_not_found"),
            (["http://localhost/v1/completions", "-d", #"{"prompt":"x","max_tokens":99999999}"#], "400", "context_length_exceeded"),
            (["http://localhost/v1/nothing"], "404", "unknown route"),
            (["-X", "PUT", "http://localhost/v1/models"], "405", "not allowed"),
            (["http://localhost/health", "-H", "X-Padding: " + String(repeating: "p", count: 40000)], "431", "request head larger"),
        ]
        for (arguments, status, text) in cases {
            let result = try engine.curl(["-w", "\n%{http_code}"] + arguments)
            #expect(result.output.hasSuffix("\n" + status), "\(arguments): \(result.output)")
            #expect(result.output.contains(#""error":{"#), "\(arguments)")
            #expect(result.output.contains(text), "\(arguments): \(result.output)")
        }
        let health = try engine.curl(["-w", "\n%{http_code}", "http://localhost/health"])
        #expect(health.output.hasSuffix("\n200"))
    }

    @Test("SIGTERM during a stream ends it, removes the socket and exits 0")
    func sigtermMidStream() throws {
        let engine = try EngineTestProcess()
        let output = engine.directory.appending("stream.txt")
        let curl = try Subprocess.spawnDetached(
            "curl",
            ["-s", "-N", "--unix-socket", engine.socketPath, "http://localhost/v1/chat/completions", "-d",
             #"{"messages":[{"role":"user","content":"Never stop"}],"max_tokens":60000,"ignore_eos":true,"stream":true}"#],
            logPath: output
        )
        let streaming = Blocking.waitUntil(timeout: .seconds(60)) { ((try? TestFiles.readText(output)) ?? "").count >= 2000 }
        #expect(streaming, "the stream did not start: \(engine.log)")
        // The engine exits after its grace period, not after the 60000 tokens; a hang fails here
        // (and the engine is killed) rather than blocking the run.
        #expect(engine.stop() == 0)
        #expect(Subprocess.wait(curl) == 0)
        #expect(!FileSystem.exists(engine.socketPath))
        let text = try TestFiles.readText(output)
        // The stream was cut short with an error event after the grace period.
        #expect(text.contains(#"data: {"error":{"#))
        #expect(text.contains("shutting down"))
    }
}
