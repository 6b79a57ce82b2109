import Basics
import EngineProtocol
@testable import EngineServer
import TestSupport
import Testing
import Tokenization

private let getTimeTool = #"[{"type":"function","function":{"name":"get_time","description":"The current time","parameters":{"type":"object","properties":{}}}},{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#

@Suite("Chat completions with the real tiny checkpoint", .serialized, .dedicatedThreads)
struct ChatRouteTests {
    @Test("a non-streamed chat completion has OpenAI's shape")
    func shape() throws {
        let server = try ModelServer()
        let response = try server.post(
            "/v1/chat/completions",
            #"{"model":"deepseek-v4-tiny","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],"max_tokens":10,"temperature":0}"#
        )
        #expect(response.status == 200)
        let object = try WireFormat.decode([String: JSONValue].self, from: response.body)
        #expect(object["object"] == .string("chat.completion"))
        #expect(object["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
        let completion = try WireFormat.decode(ChatCompletion.self, from: response.body)
        let choice = try #require(completion.choices.first)
        #expect(choice.message.role == "assistant")
        #expect(choice.message.reasoningContent == nil)
        #expect(choice.message.toolCalls == nil)
        #expect(choice.finishReason == .stop || choice.finishReason == .length)
        let usage = try #require(completion.usage)
        #expect(usage.totalTokens == usage.promptTokens + usage.completionTokens)
        #expect((choice.finishReason == .length) == (usage.completionTokens == 10))
        // The prompt is the DeepSeek-V4 chat encoding of the messages.
        let tokenized = try decode(
            TokenizeResponse.self,
            server.post("/v1/tokenize", #"{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}]}"#).text
        )
        #expect(tokenized.count == usage.promptTokens)
        let text = try decode(DetokenizeResponse.self, server.post("/v1/detokenize", #"{"tokens":\#(tokenized.tokens)}"#).text).prompt
        #expect(text == "<｜begin▁of▁sentence｜>Be brief.<｜User｜>Hello<｜Assistant｜></think>")
    }

    @Test("a streamed chat completion: one id, the role first, content deltas, finish, usage, [DONE]")
    func streamed() throws {
        let server = try ModelServer()
        let request = #"{"messages":[{"role":"user","content":"Write a loop"}],"max_tokens":12,"temperature":0"#
        let whole = try decode(ChatCompletion.self, server.post("/v1/chat/completions", request + "}").text)
        let payloads = events(try server.post("/v1/chat/completions", request + #","stream":true,"stream_options":{"include_usage":true}}"#).body)
        #expect(payloads.last == "[DONE]")
        let chunks = try payloads.dropLast().map { try decode(ChatCompletionChunk.self, $0) }
        #expect(Set(chunks.map(\.id)).count == 1)
        #expect(Set(chunks.map(\.created)).count == 1)
        #expect(chunks.allSatisfy { $0.object == "chat.completion.chunk" })
        #expect(chunks.first?.choices.first?.delta.role == "assistant")
        #expect(chunks.dropFirst().allSatisfy { $0.choices.first?.delta.role == nil })
        let content = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        #expect(content == whole.choices.first?.message.content)
        let finishes = chunks.compactMap { $0.choices.first?.finishReason }
        #expect(finishes == [whole.choices.first?.finishReason].compactMap { $0 })
        let last = try #require(chunks.last)
        #expect(last.choices.isEmpty)
        #expect(last.usage?.completionTokens == whole.usage?.completionTokens)
        #expect(chunks.dropLast().allSatisfy { $0.usage == nil })
    }

    @Test("thinking mode streams reasoning_content deltas and the prompt ends with <think>")
    func thinking() throws {
        let server = try ModelServer()
        let request = #"{"messages":[{"role":"user","content":"Why?"}],"max_tokens":8,"temperature":0,"thinking":{"type":"enabled"}"#
        let whole = try decode(ChatCompletion.self, server.post("/v1/chat/completions", request + "}").text)
        let message = try #require(whole.choices.first?.message)
        let reasoning = try #require(message.reasoningContent)
        let chunks = try events(try server.post("/v1/chat/completions", request + #","stream":true}"#).body).dropLast()
            .map { try decode(ChatCompletionChunk.self, $0) }
        let streamedReasoning = chunks.compactMap { $0.choices.first?.delta.reasoningContent }.joined()
        #expect(streamedReasoning == reasoning)
        let streamedContent = chunks.dropFirst().compactMap { $0.choices.first?.delta.content }.joined()
        #expect(streamedContent == message.content ?? "")
        let tokens = try decode(
            TokenizeResponse.self,
            server.post("/v1/tokenize", #"{"messages":[{"role":"user","content":"Why?"}],"thinking":true}"#).text
        ).tokens
        #expect(server.tokenizer.decode(tokens).hasSuffix("<｜Assistant｜><think>"))
    }

    @Test("a forced call of a parameterless tool comes back as tool_calls, streamed and not")
    func forcedToolCall() throws {
        let server = try ModelServer()
        let request = #"{"messages":[{"role":"user","content":"What time is it?"}],"tools":\#(getTimeTool),"tool_choice":{"type":"function","function":{"name":"get_time"}}"#
        let whole = try decode(ChatCompletion.self, server.post("/v1/chat/completions", request + "}").text)
        let choice = try #require(whole.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.content == nil)
        let call = try #require(choice.message.toolCalls?.first)
        #expect(call.function.name == "get_time")
        #expect(call.function.arguments == "{}")
        #expect(call.id.hasPrefix("call_"))

        let chunks = try events(try server.post("/v1/chat/completions", request + #","stream":true}"#).body).dropLast()
            .map { try decode(ChatCompletionChunk.self, $0) }
        let pieces = chunks.compactMap { $0.choices.first?.delta.toolCalls }.flatMap { $0 }
        #expect(pieces.first?.index == 0)
        #expect(pieces.first?.id?.hasPrefix("call_") == true)
        #expect(pieces.first?.function?.name == "get_time")
        #expect(pieces.compactMap { $0.function?.arguments }.joined() == "{}")
        #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
    }

    @Test("a tool result in the history is encoded as DSML and answered")
    func toolRoundTrip() throws {
        let server = try ModelServer()
        let history = #"[{"role":"user","content":"What time is it?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"12:00"}]"#
        let answer = try server.post("/v1/chat/completions", #"{"messages":\#(history),"tools":\#(getTimeTool),"max_tokens":6,"temperature":0}"#)
        #expect(answer.status == 200)
        let completion = try decode(ChatCompletion.self, answer.text)
        #expect(completion.choices.first?.message.role == "assistant")
        let tokens = try decode(TokenizeResponse.self, server.post("/v1/tokenize", #"{"messages":\#(history),"tools":\#(getTimeTool)}"#).text).tokens
        let prompt = server.tokenizer.decode(tokens)
        #expect(prompt.contains("<｜DSML｜invoke name=\"get_time\">"))
        #expect(prompt.contains("<tool_result>12:00</tool_result>"))
        #expect(prompt.contains(#""name": "get_weather""#))
    }

    @Test("tool_choice none leaves the tools out of the prompt; required starts a call block")
    func toolChoiceInPrompt() throws {
        let server = try ModelServer()
        func promptTokens(_ choice: String) throws -> Int {
            let body = #"{"messages":[{"role":"user","content":"Hi"}],"tools":\#(getTimeTool),"tool_choice":\#(choice),"max_tokens":1,"temperature":0}"#
            return try #require(decode(ChatCompletion.self, server.post("/v1/chat/completions", body).text).usage?.promptTokens)
        }
        let plain = try #require(decode(ChatCompletion.self, server.post("/v1/chat/completions", #"{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1}"#).text).usage?.promptTokens)
        #expect(try promptTokens(#""none""#) == plain)
        let auto = try promptTokens(#""auto""#)
        #expect(auto > plain)
        #expect(try promptTokens(#""required""#) > auto)
    }

    @Test("a three-turn conversation reuses the cached state of earlier turns")
    func prefixReuse() throws {
        let server = try ModelServer()
        var messages: [String] = []
        var cached: [Int] = []
        var prompts: [Int] = []
        for turn in ["Write a function", "Now add a test", "Explain it"] {
            messages.append(#"{"role":"user","content":\#(jsonString(turn))}"#)
            let completion = try decode(
                ChatCompletion.self,
                server.post("/v1/chat/completions", #"{"messages":[\#(messages.joined(separator: ","))],"max_tokens":16,"temperature":0}"#).text
            )
            let usage = try #require(completion.usage)
            cached.append(usage.promptTokensDetails?.cachedTokens ?? -1)
            prompts.append(usage.promptTokens)
            let reply = completion.choices.first?.message.content ?? ""
            messages.append(#"{"role":"assistant","content":\#(jsonString(reply))}"#)
        }
        #expect(cached[0] == 0)
        // Each later turn reuses at least the whole previous prompt.
        #expect(cached[1] >= prompts[0])
        #expect(cached[2] >= prompts[1])
        let state = try server.state()
        #expect(state.prefixCache.hits == 2)
        #expect(state.prefixCache.reusedTokens == cached[1] + cached[2])
        #expect(state.prefixCache.computedTokens == prompts.reduce(0, +) - cached[1] - cached[2])
    }
}
