import Basics
import ChatFormat
import Testing

private let bos = DeepSeekTokens.beginOfSentence
private let eos = DeepSeekTokens.endOfSentence
private let user = DeepSeekTokens.user
private let assistant = DeepSeekTokens.assistant

/// Behaviours of DeepSeek's `encoding_dsv4.py` beyond the four fixtures; each expectation is the
/// reference's rule worked out by hand for a small conversation.
@Suite("Chat encoder rules")
struct ChatEncoderBehaviourTests {
    @Test("consecutive user messages join with a blank line")
    func userMerge() {
        #expect(ChatEncoder.encode(messages: [.user("a"), .user("b")], mode: .chat) == bos + user + "a\n\nb" + assistant + "</think>")
    }

    @Test("tool results follow the order of the calls, whatever order they arrive in")
    func toolResultOrder() {
        let calls = [ToolCall(id: "c1", name: "f", argumentsJSON: "{}"), ToolCall(id: "c2", name: "g", argumentsJSON: "{}")]
        let prompt = ChatEncoder.encode(
            messages: [.user("q"), .assistant(toolCalls: calls), .tool("R2", toolCallID: "c2"), .tool("R1", toolCallID: "c1")],
            mode: .chat)
        #expect(prompt.hasSuffix(eos + user + "<tool_result>R1</tool_result>\n\n<tool_result>R2</tool_result>" + assistant + "</think>"))
    }

    @Test("thinking mode drops earlier reasoning and earlier developer messages")
    func dropThinking() {
        let messages: [ChatMessage] = [.developer("dev"), .user("q1"), .assistant(content: "a1", reasoning: "r1"), .user("q2")]
        #expect(ChatEncoder.encode(messages: messages, mode: .thinking)
            == bos + user + "q1" + assistant + "</think>a1" + eos + user + "q2" + assistant + "<think>")
        #expect(ChatEncoder.encode(messages: Array(messages.dropFirst()), mode: .thinking, dropThinking: false)
            == bos + user + "q1" + assistant + "<think>r1</think>a1" + eos + user + "q2" + assistant + "<think>")
    }

    @Test("tools anywhere keep all reasoning")
    func toolsKeepReasoning() {
        let tool = ToolDefinition(name: "f")
        let prompt = ChatEncoder.encode(
            messages: [.system("s", tools: [tool]), .user("q1"), .assistant(content: "a1", reasoning: "r1"), .user("q2")],
            mode: .thinking)
        #expect(prompt.contains(assistant + "<think>r1</think>a1" + eos))
        #expect(prompt.contains("\n### Available Tool Schemas\n\n{\"name\": \"f\"}\n\n"))
    }

    @Test("request tools join the system message, or a new empty one")
    func requestTools() {
        let tool = ToolDefinition(name: "f", description: "d", parameters: .object(["type": .string("object")]))
        let withSystem = ChatEncoder.encode(messages: [.system("S"), .user("q")], tools: [tool], mode: .chat)
        #expect(withSystem.hasPrefix(bos + "S\n\n## Tools\n\n"))
        #expect(withSystem.contains("{\"name\": \"f\", \"description\": \"d\", \"parameters\": {\"type\": \"object\"}}"))
        let withoutSystem = ChatEncoder.encode(messages: [.user("q")], tools: [tool], mode: .chat)
        #expect(withoutSystem.hasPrefix(bos + "\n\n## Tools\n\n"))
        #expect(withoutSystem.hasSuffix("invoke tool calls.\n" + user + "q" + assistant + "</think>"))
    }

    @Test("maximum reasoning effort prepends its paragraph in thinking mode only")
    func reasoningEffort() {
        let thinking = ChatEncoder.encode(messages: [.system("S"), .user("q")], mode: .thinking, reasoningEffort: .max)
        #expect(thinking.hasPrefix(bos + "Reasoning Effort: Absolute maximum with no shortcuts permitted.\n"))
        #expect(thinking.contains("no assumption is left unchecked.\n\nS" + user))
        #expect(!ChatEncoder.encode(messages: [.user("q")], mode: .chat, reasoningEffort: .max).contains("Reasoning Effort"))
        #expect(!ChatEncoder.encode(messages: [.user("q")], mode: .thinking, reasoningEffort: .high).contains("Reasoning Effort"))
    }

    @Test("a response format is appended to the system message; an empty one is skipped")
    func responseFormat() {
        let prompt = ChatEncoder.encode(messages: [.system("S", responseFormat: .object(["type": .string("json_object")])), .user("q")], mode: .chat)
        #expect(prompt.hasPrefix(bos + "S\n\n## Response Format:\n\nYou MUST strictly adhere to the following schema to reply:\n{\"type\": \"json_object\"}" + user))
        let empty = ChatEncoder.encode(messages: [.system("S", responseFormat: .object([])), .user("q")], mode: .chat)
        #expect(empty == bos + "S" + user + "q" + assistant + "</think>")
    }

    @Test("an incomplete assistant message is left open for the model to continue")
    func prefill() {
        #expect(ChatEncoder.encode(messages: [.user("q"), .assistant(content: "par", isComplete: false)], mode: .chat)
            == bos + user + "q" + assistant + "</think>par")
    }

    @Test("quick tasks write their token; action also opens the assistant turn")
    func quickTasks() {
        #expect(ChatEncoder.encode(messages: [.user("x", task: .title)], mode: .chat) == bos + user + "x<｜title｜>")
        #expect(ChatEncoder.encode(messages: [.user("x", task: .action)], mode: .thinking) == bos + user + "x" + assistant + "<think><｜action｜>")
    }

    @Test("tool-call arguments: strings raw, other values as JSON, non-objects as one string")
    func dsmlArguments() {
        let block = ChatEncoder.toolCallBlock([
            ToolCall(name: "f", argumentsJSON: "{\"s\": \"a<b\", \"n\": 1.50, \"o\": {\"k\": [null]}}"),
            ToolCall(name: "g", argumentsJSON: "[1]"),
        ])
        let d = DeepSeekTokens.dsml
        #expect(block == "\n\n<\(d)tool_calls>\n<\(d)invoke name=\"f\">\n"
            + "<\(d)parameter name=\"s\" string=\"true\">a<b</\(d)parameter>\n"
            + "<\(d)parameter name=\"n\" string=\"false\">1.5</\(d)parameter>\n"
            + "<\(d)parameter name=\"o\" string=\"false\">{\"k\": [null]}</\(d)parameter>\n</\(d)invoke>\n"
            + "<\(d)invoke name=\"g\">\n<\(d)parameter name=\"arguments\" string=\"true\">[1]</\(d)parameter>\n</\(d)invoke>\n"
            + "</\(d)tool_calls>")
    }

    @Test("OpenAI messages with the wrong shape give one error naming the place")
    func openAIErrors() throws {
        #expect(throws: ChatFormatError("messages[0].role", "unknown role \"robot\"")) {
            try ChatMessage(openAI: try JSONValue(parsing: #"{"role": "robot"}"#), keyPath: "messages[0]")
        }
        #expect(throws: ChatFormatError("m.tool_calls[0].function.name", "expected a string")) {
            try ChatMessage(openAI: try JSONValue(parsing: #"{"role": "assistant", "tool_calls": [{"function": {}}]}"#), keyPath: "m")
        }
        #expect(throws: ChatFormatError("m.content[0]", "expected a text part {\"type\": \"text\", \"text\": …}")) {
            try ChatMessage(openAI: try JSONValue(parsing: #"{"role": "user", "content": [{"type": "image_url"}]}"#), keyPath: "m")
        }
        let parts = try ChatMessage(openAI: try JSONValue(parsing: #"{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}"#))
        #expect(parts == .user("ab"))
    }
}
