import EngineProtocol
import Testing

private func decodeChat(_ text: String) throws -> ChatCompletionRequest {
    try WireFormat.decode(ChatCompletionRequest.self, from: Array(text.utf8))
}

@Suite("Decoding requests")
struct RequestDecodingTests {
    @Test("a minimal chat request decodes and unknown fields are ignored")
    func minimal() throws {
        let request = try decodeChat(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"logit_bias":{"1":2},"frequency_penalty":0}"#)
        #expect(request.model == "m")
        #expect(request.messages == [ChatMessage(role: "user", content: "hi")])
        #expect(request.stream == nil)
    }

    @Test("content given as text parts is joined")
    func contentParts() throws {
        let request = try decodeChat(
            #"{"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}"#
        )
        #expect(request.messages.first?.content == "ab")
    }

    @Test("an image content part is refused with the field named")
    func imagePartRefused() throws {
        #expect(throws: (any Error).self) {
            try decodeChat(#"{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}"#)
        }
    }

    @Test("stop accepts a string or a list, and max_completion_tokens wins over max_tokens")
    func stopAndLimits() throws {
        let single = try decodeChat(#"{"messages":[],"stop":"END","max_tokens":5}"#)
        #expect(single.stop?.values == ["END"])
        #expect(single.tokenLimit == 5)
        let list = try decodeChat(#"{"messages":[],"stop":["a","b"],"max_tokens":5,"max_completion_tokens":9}"#)
        #expect(list.stop?.values == ["a", "b"])
        #expect(list.tokenLimit == 9)
    }

    @Test("tool_choice decodes the string forms and the named-function form")
    func toolChoice() throws {
        #expect(try decodeChat(#"{"messages":[],"tool_choice":"auto"}"#).toolChoice == .auto)
        #expect(try decodeChat(#"{"messages":[],"tool_choice":"required"}"#).toolChoice == .required)
        let named = try decodeChat(#"{"messages":[],"tool_choice":{"type":"function","function":{"name":"get"}}}"#)
        #expect(named.toolChoice == .function("get"))
        #expect(throws: (any Error).self) { try decodeChat(#"{"messages":[],"tool_choice":"sometimes"}"#) }
    }

    @Test("thinking mode is read from DeepSeek, vLLM and OpenAI spellings")
    func thinkingSwitches() throws {
        #expect(try decodeChat(#"{"messages":[],"thinking":{"type":"enabled"}}"#).thinkingEnabled == true)
        #expect(try decodeChat(#"{"messages":[],"thinking":{"type":"disabled"}}"#).thinkingEnabled == false)
        #expect(try decodeChat(#"{"messages":[],"chat_template_kwargs":{"thinking":true}}"#).thinkingEnabled == true)
        #expect(try decodeChat(#"{"messages":[],"reasoning_effort":"high"}"#).thinkingEnabled == true)
        #expect(try decodeChat(#"{"messages":[]}"#).thinkingEnabled == nil)
    }

    @Test("completion prompts decode as text, token ids or lists")
    func completionPrompts() throws {
        func prompt(_ json: String) throws -> CompletionPrompt {
            try WireFormat.decode(CompletionRequest.self, from: Array(#"{"prompt":\#(json)}"#.utf8)).prompt
        }
        #expect(try prompt(#""hi""#) == .text("hi"))
        #expect(try prompt("[1,2,3]") == .tokens([1, 2, 3]))
        #expect(try prompt(#"["a","b"]"#) == .texts(["a", "b"]))
        #expect(try prompt("[[1],[2]]") == .tokenLists([[1], [2]]))
    }

    @Test("decoding failures name the field at fault")
    func describesFailures() {
        do {
            _ = try decodeChat(#"{"messages":[{"content":"x"}]}"#)
            Issue.record("decoding should fail")
        } catch {
            let (message, param) = WireFormat.describe(error)
            #expect(message.contains("messages[0].role"))
            #expect(param == "messages[0].role")
        }
        do {
            _ = try decodeChat(#"{"messages":[],"temperature":"hot"}"#)
            Issue.record("decoding should fail")
        } catch {
            let (message, param) = WireFormat.describe(error)
            #expect(param == "temperature")
            #expect(message.contains("number"))
        }
        do {
            _ = try decodeChat(#"{"messages":["#)
            Issue.record("decoding should fail")
        } catch {
            #expect(WireFormat.describe(error).message.contains("not valid JSON"))
        }
    }

    @Test("a chunk with usage round-trips through encoding")
    func chunkRoundTrip() throws {
        let chunk = ChatCompletionChunk(
            id: "c",
            created: 1,
            model: "m",
            choices: [.init(index: 0, delta: .init(toolCalls: [ToolCallDelta(index: 0, id: "call_0", type: "function", function: .init(name: "f", arguments: ""))]))],
            usage: Usage(promptTokens: 1, completionTokens: 2)
        )
        let decoded = try WireFormat.decode(ChatCompletionChunk.self, from: try WireFormat.encode(chunk))
        #expect(decoded.choices == chunk.choices)
        #expect(decoded.usage == chunk.usage)
    }
}
