import Basics
import ChatFormat
import TestSupport

/// The chat-encoding fixtures: `input_N.json` → `output_N.txt`, with the mode each case is
/// encoded in (from Tests/Fixtures/README.md: cases 1–3 thinking, case 4 chat).
enum ChatFixtures {
    static let modes: [Int: ChatMode] = [1: .thinking, 2: .thinking, 3: .thinking, 4: .chat]

    struct Case {
        var number: Int
        var messages: [ChatMessage]
        var tools: [ToolDefinition]
        var mode: ChatMode
        var expected: String
    }

    static func load(_ number: Int) throws -> Case {
        let input = try JSONValue(parsing: try TestFiles.readText(RepositoryLayout.fixture("chat-encoding/input_\(number).json")))
        let expected = try TestFiles.readText(RepositoryLayout.fixture("chat-encoding/output_\(number).txt"))
        // Case 1 is {"tools", "messages"}; the others are a bare list of messages.
        let list = input["messages"] ?? input
        let tools = try ChatMessage.tools(openAI: input["tools"])
        let messages = try (list.arrayValue ?? []).enumerated().map { index, message in
            try ChatMessage(openAI: message, keyPath: "messages[\(index)]")
        }
        return Case(number: number, messages: messages, tools: tools, mode: self.modes[number] ?? .thinking, expected: expected)
    }

    /// The assistant turns of a fixture prompt as the model generated them: from after each
    /// `<｜Assistant｜><think>` (thinking) or `<｜Assistant｜></think>` (chat) through the
    /// end-of-sentence token.
    static func completions(in prompt: String, mode: ChatMode) -> [String] {
        let opening = DeepSeekTokens.assistant + (mode == .thinking ? DeepSeekTokens.thinkStart : DeepSeekTokens.thinkEnd)
        var result: [String] = []
        var rest = Substring(prompt)
        while let start = rest.firstRange(of: opening) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstRange(of: DeepSeekTokens.endOfSentence) else { break }
            result.append(String(rest[..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }
}
