/// One message of a conversation, as sent in a request and returned in a response.
///
/// `content` may arrive as a string, as an array of `{"type": "text", "text": …}` parts (joined
/// here), or as null (an assistant message that only calls tools).
package struct ChatMessage: Codable, Sendable, Hashable {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    package var role: String
    /// The text, nil when the message has none.
    package var content: String?
    /// The model's reasoning before `content` (DeepSeek's `reasoning_content`), assistant only.
    package var reasoningContent: String?
    /// Tools the assistant called, assistant only.
    package var toolCalls: [ToolCall]?
    /// For `role == "tool"`: the call this message answers.
    package var toolCallID: String?
    /// An optional participant name.
    package var name: String?

    package init(
        role: String,
        content: String?,
        reasoningContent: String? = nil,
        toolCalls: [ToolCall]? = nil,
        toolCallID: String? = nil,
        name: String? = nil
    ) {
        self.role = role
        self.content = content
        self.reasoningContent = reasoningContent
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.name = name
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.role = try container.decode(String.self, forKey: .role)
        self.content = try Self.decodeContent(container)
        self.reasoningContent = try container.decodeIfPresent(String.self, forKey: .reasoningContent)
        self.toolCalls = try container.decodeIfPresent([ToolCall].self, forKey: .toolCalls)
        self.toolCallID = try container.decodeIfPresent(String.self, forKey: .toolCallID)
        self.name = try container.decodeIfPresent(String.self, forKey: .name)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.role, forKey: .role)
        // OpenAI always sends `content`, null when an assistant message only calls tools.
        try container.encode(self.content, forKey: .content)
        try container.encodeIfPresent(self.reasoningContent, forKey: .reasoningContent)
        try container.encodeIfPresent(self.toolCalls, forKey: .toolCalls)
        try container.encodeIfPresent(self.toolCallID, forKey: .toolCallID)
        try container.encodeIfPresent(self.name, forKey: .name)
    }

    private static func decodeContent(_ container: KeyedDecodingContainer<CodingKeys>) throws -> String? {
        guard container.contains(.content), try !container.decodeNil(forKey: .content) else { return nil }
        if let text = try? container.decode(String.self, forKey: .content) { return text }
        let parts = try container.decode([ContentPart].self, forKey: .content)
        var text = ""
        for part in parts {
            guard part.type == "text", let partText = part.text else {
                throw DecodingError.dataCorruptedError(
                    forKey: .content,
                    in: container,
                    debugDescription: "content parts of type '\(part.type)' are not supported; send text parts"
                )
            }
            text += partText
        }
        return text
    }

    private struct ContentPart: Decodable {
        var type: String
        var text: String?
    }

    enum CodingKeys: String, CodingKey {
        case role, content, name
        case reasoningContent = "reasoning_content"
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
    }
}
