import Basics
import EngineProtocol
@testable import EngineServer
import TestSupport
import Tokenization
import Testing

@Suite("Text completions with the real tiny checkpoint", .serialized, .dedicatedThreads)
struct CompletionRouteTests {
    @Test("greedy completion of the reference prompt reproduces the reference's greedy tokens")
    func greedyMatchesReference() throws {
        let server = try ModelServer()
        let facts = try ReferenceFixture.facts(fixture: "deepseek-v4-tiny")
        guard case .number(let greedyPrompt)? = facts["greedy_prompt"], case .number(let count)? = facts["greedy_tokens"],
            let expected = facts["greedy_text"]?.stringValue
        else {
            Issue.record("reference.json lacks the greedy facts")
            return
        }
        let prompt = try ReferenceFixture.integers("prompt.\(Int(greedyPrompt)).input_ids", fixture: "deepseek-v4-tiny")
        let greedy = try ReferenceFixture.integers("greedy.tokens", fixture: "deepseek-v4-tiny")
        #expect(greedy.count == Int(count))
        let body = #"{"model":"deepseek-v4-tiny","prompt":\#(prompt),"max_tokens":\#(Int(count)),"temperature":0}"#
        let response = try server.post("/v1/completions", body)
        #expect(response.status == 200)
        let completion = try WireFormat.decode(Completion.self, from: response.body)
        #expect(completion.choices.first?.text == server.tokenizer.decode(greedy))
        #expect(completion.choices.first?.text == expected)
        #expect(completion.usage?.promptTokens == prompt.count)
        #expect(completion.usage?.completionTokens == Int(count))
    }

    @Test("a non-streamed completion has OpenAI's shape and the default of 16 tokens")
    func shape() throws {
        let server = try ModelServer()
        let response = try server.post("/v1/completions", #"{"prompt":"function add(a, b) {","temperature":0}"#)
        #expect(response.status == 200)
        let object = try WireFormat.decode([String: JSONValue].self, from: response.body)
        #expect(object["object"] == .string("text_completion"))
        #expect(object["id"]?.stringValue?.hasPrefix("cmpl-") == true)
        let completion = try WireFormat.decode(Completion.self, from: response.body)
        let usage = try #require(completion.usage)
        #expect(usage.totalTokens == usage.promptTokens + usage.completionTokens)
        #expect(usage.completionTokens <= 16)
        #expect((completion.choices.first?.finishReason == .length) == (usage.completionTokens == 16))
    }

    @Test("a streamed completion sends text pieces, the finish, the usage and [DONE]")
    func streamed() throws {
        let server = try ModelServer()
        let whole = try WireFormat.decode(
            Completion.self,
            from: try server.post("/v1/completions", #"{"prompt":"const x = ","max_tokens":12,"temperature":0}"#).body
        )
        let response = try server.post(
            "/v1/completions",
            #"{"prompt":"const x = ","max_tokens":12,"temperature":0,"stream":true,"stream_options":{"include_usage":true}}"#
        )
        #expect(response.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        let payloads = events(response.body)
        #expect(payloads.last == "[DONE]")
        let chunks = try payloads.dropLast().map { try decode(Completion.self, $0) }
        #expect(Set(chunks.map(\.id)).count == 1)
        let text = chunks.flatMap(\.choices).map(\.text).joined()
        #expect(text == whole.choices.first?.text)
        let usageChunk = try #require(chunks.last)
        #expect(usageChunk.choices.isEmpty)
        #expect(usageChunk.usage?.promptTokens == whole.usage?.promptTokens)
        #expect(usageChunk.usage?.completionTokens == whole.usage?.completionTokens)
        // The same prompt again: its state comes from the prefix cache.
        #expect(usageChunk.usage?.promptTokensDetails?.cachedTokens == whole.usage?.promptTokens)
        #expect(chunks.dropLast().allSatisfy { $0.usage == nil && $0.encodesNullUsage })
        #expect(chunks[chunks.count - 2].choices.first?.finishReason == whole.choices.first?.finishReason)
    }

    @Test("a seed makes sampling reproducible")
    func seeded() throws {
        let server = try ModelServer()
        func sample(_ seed: Int) throws -> String? {
            try WireFormat.decode(
                Completion.self,
                from: try server.post("/v1/completions", #"{"prompt":"let value","max_tokens":24,"temperature":1,"seed":\#(seed)}"#).body
            ).choices.first?.text
        }
        let first = try sample(7)
        #expect(first != nil)
        #expect(try sample(7) == first)
        #expect(try sample(8) != first)
    }

    @Test("a stop string ends the text before it and is never sent, streamed or not")
    func stopStrings() throws {
        let server = try ModelServer()
        let free = try WireFormat.decode(
            Completion.self,
            from: try server.post("/v1/completions", #"{"prompt":"import os\n","max_tokens":40,"temperature":0}"#).body
        ).choices.first?.text ?? ""
        let characters = Array(free)
        try #require(characters.count > 12, "the greedy text is too short to pick a stop string from")
        let stop = String(characters[8..<11])
        let expected = String(free[..<(free.firstRange(of: stop)?.lowerBound ?? free.endIndex)])
        let body = #"{"prompt":"import os\n","max_tokens":40,"temperature":0,"stop":[\#(jsonString(stop)),"zzzzzzzz"]}"#
        let stopped = try WireFormat.decode(Completion.self, from: try server.post("/v1/completions", body).body)
        #expect(stopped.choices.first?.text == expected)
        #expect(stopped.choices.first?.finishReason == .stop)
        let streamed = events(try server.post("/v1/completions", body.dropLast() + #","stream":true}"#).body)
        let pieces = try streamed.dropLast().map { try decode(Completion.self, $0) }.flatMap(\.choices)
        #expect(pieces.map(\.text).joined() == expected)
        #expect(!pieces.contains { $0.text.contains(stop) })
        #expect(pieces.last?.finishReason == .stop)
    }

    @Test("token-id prompts and echo are accepted; invalid ids are refused")
    func tokenPrompts() throws {
        let server = try ModelServer()
        let ids = server.tokenizer.encode("function main() {")
        let echoed = try WireFormat.decode(
            Completion.self,
            from: try server.post("/v1/completions", #"{"prompt":\#(ids),"max_tokens":3,"temperature":0,"echo":true}"#).body
        )
        #expect(echoed.choices.first?.text.hasPrefix("function main() {") == true)
        let bad = try server.post("/v1/completions", #"{"prompt":[1,2,999999],"max_tokens":3}"#)
        #expect(bad.status == 400)
        #expect(try WireFormat.decode(ErrorResponse.self, from: bad.body).error.param == "prompt")
    }

    @Test("invalid parameters get 400 or 404 error objects naming the field")
    func errors() throws {
        let server = try ModelServer()
        func error(_ path: String, _ body: String) throws -> (Int, APIError) {
            let response = try server.post(path, body)
            return (response.status, try WireFormat.decode(ErrorResponse.self, from: response.body).error)
        }
        let cases: [(String, String, Int, String?)] = [
            ("/v1/completions", #"{"prompt":"x","model":"gpt-4"}"#, 404, "model"),
            ("/v1/completions", #"{"prompt":"x","temperature":3}"#, 400, "temperature"),
            ("/v1/completions", #"{"prompt":"x","top_p":1.5}"#, 400, "top_p"),
            ("/v1/completions", #"{"prompt":"x","n":2}"#, 400, "n"),
            ("/v1/completions", #"{"prompt":"x","max_tokens":0}"#, 400, "max_tokens"),
            ("/v1/completions", #"{"prompt":"x","max_tokens":100000000}"#, 400, "prompt"),
            ("/v1/completions", #"{"prompt":["a","b"]}"#, 400, "prompt"),
            ("/v1/completions", #"{"max_tokens":3}"#, 400, "prompt"),
            ("/v1/completions", #"{"prompt":"x","stop":17}"#, 400, "stop"),
            ("/v1/chat/completions", #"{"messages":[]}"#, 400, "messages"),
            ("/v1/chat/completions", #"{"messages":[{"role":"wizard","content":"x"}]}"#, 400, "messages[0].role"),
            ("/v1/chat/completions", #"{"messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","function":{"name":"nope"}}}"#, 400, "tool_choice"),
        ]
        for (path, body, status, param) in cases {
            let (code, apiError) = try error(path, body)
            #expect(code == status, "\(body)")
            #expect(apiError.param == param, "\(body): \(apiError.message)")
            #expect(!apiError.message.isEmpty)
        }
        let (_, context) = try error("/v1/completions", #"{"prompt":"x","max_tokens":100000000}"#)
        #expect(context.code == "context_length_exceeded")
        #expect(try server.get("/health").status == 200)
    }
}
