import EngineProtocol
import Testing

/// Parses JSON text into a nested dictionary for shape assertions, independent of key order.
private func jsonObject(_ bytes: [UInt8]) throws -> [String: JSONValue] {
    try WireFormat.decode([String: JSONValue].self, from: bytes)
}

@Suite("OpenAI wire shapes")
struct WireShapeTests {
    @Test("a chat completion chunk writes finish_reason and logprobs as explicit nulls")
    func chunkNulls() throws {
        let chunk = ChatCompletionChunk(
            id: "chatcmpl-1",
            created: 7,
            model: "m",
            choices: [.init(index: 0, delta: .init(role: "assistant", content: ""))],
            encodesNullUsage: true
        )
        let object = try jsonObject(try WireFormat.encode(chunk))
        #expect(object["object"] == .string("chat.completion.chunk"))
        #expect(object["usage"] == .null)
        guard case .array(let choices)? = object["choices"], let choice = choices.first else {
            Issue.record("choices missing")
            return
        }
        #expect(choice["finish_reason"] == .null)
        #expect(choice["logprobs"] == .null)
        #expect(choice["delta"]?["role"] == .string("assistant"))
        #expect(choice["delta"]?["reasoning_content"] == nil)
    }

    @Test("a chunk without usage requested omits the usage key")
    func chunkWithoutUsage() throws {
        let chunk = ChatCompletionChunk(id: "c", created: 1, model: "m", choices: [])
        let object = try jsonObject(try WireFormat.encode(chunk))
        #expect(object["usage"] == nil)
    }

    @Test("a non-streamed completion uses the OpenAI keys and a null content for tool calls")
    func completionKeys() throws {
        let completion = ChatCompletion(
            id: "chatcmpl-2",
            created: 3,
            model: "m",
            choices: [
                .init(
                    index: 0,
                    message: ChatMessage(
                        role: "assistant",
                        content: nil,
                        toolCalls: [ToolCall(id: "call_1", function: FunctionCall(name: "f", arguments: "{\"a\":1}"))]
                    ),
                    finishReason: .toolCalls
                )
            ],
            usage: Usage(promptTokens: 5, completionTokens: 2, cachedTokens: 3)
        )
        let object = try jsonObject(try WireFormat.encode(completion))
        #expect(object["object"] == .string("chat.completion"))
        #expect(object["usage"]?["total_tokens"] == .number(7))
        #expect(object["usage"]?["prompt_tokens_details"]?["cached_tokens"] == .number(3))
        guard case .array(let choices)? = object["choices"], let choice = choices.first else {
            Issue.record("choices missing")
            return
        }
        #expect(choice["finish_reason"] == .string("tool_calls"))
        #expect(choice["message"]?["content"] == .null)
        guard case .array(let calls)? = choice["message"]?["tool_calls"], let call = calls.first else {
            Issue.record("tool_calls missing")
            return
        }
        #expect(call["type"] == .string("function"))
        #expect(call["function"]?["arguments"] == .string("{\"a\":1}"))
    }

    @Test("an error body is wrapped in an error object with explicit nulls")
    func errorShape() throws {
        let body = ErrorResponse(error: APIError(message: "bad", type: "invalid_request_error"))
        let object = try jsonObject(try WireFormat.encode(body))
        #expect(object["error"]?["message"] == .string("bad"))
        #expect(object["error"]?["param"] == .null)
        #expect(object["error"]?["code"] == .null)
    }

    @Test("models list and health use snake_case keys")
    func modelsAndHealth() throws {
        let list = ModelList(data: [ModelInfo(id: "x", created: 1, ownedBy: "seam", maxModelLen: 64)])
        let object = try jsonObject(try WireFormat.encode(list))
        #expect(object["object"] == .string("list"))
        guard case .array(let data)? = object["data"] else {
            Issue.record("data missing")
            return
        }
        #expect(data.first?["owned_by"] == .string("seam"))
        #expect(data.first?["object"] == .string("model"))
        let health = HealthStatus(status: .loading, model: "x", bundledTinyModel: true, loadingProgress: 0.5)
        let healthObject = try jsonObject(try WireFormat.encode(health))
        #expect(healthObject["status"] == .string("loading"))
        #expect(healthObject["bundled_tiny_model"] == .bool(true))
        #expect(healthObject["loading_progress"] == .number(0.5))
    }
}
