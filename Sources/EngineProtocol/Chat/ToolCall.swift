/// A call of a function tool made by the assistant (`tool_calls[i]` in a message).
package struct ToolCall: Codable, Sendable, Hashable {
    /// Unique per call; a `tool` message answering it repeats it as `tool_call_id`.
    package var id: String
    /// Always `function`.
    package var type: String
    /// The function and its arguments.
    package var function: FunctionCall

    package init(id: String, function: FunctionCall) {
        self.id = id
        self.type = "function"
        self.function = function
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        self.type = try container.decodeIfPresent(String.self, forKey: .type) ?? "function"
        self.function = try container.decode(FunctionCall.self, forKey: .function)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, function
    }
}

/// The function part of a tool call: its name and its arguments as a JSON text.
package struct FunctionCall: Codable, Sendable, Hashable {
    package var name: String
    /// A JSON object serialised as a string, exactly as OpenAI sends it.
    package var arguments: String

    package init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}

/// One piece of a tool call in a streamed delta. The first piece for an `index` carries `id`,
/// `type` and the function name; later pieces append to `arguments`.
package struct ToolCallDelta: Codable, Sendable, Hashable {
    /// Which call of the message this piece belongs to.
    package var index: Int
    package var id: String?
    package var type: String?
    package var function: FunctionCallDelta?

    package init(index: Int, id: String? = nil, type: String? = nil, function: FunctionCallDelta? = nil) {
        self.index = index
        self.id = id
        self.type = type
        self.function = function
    }
}

/// The function part of a streamed tool-call piece.
package struct FunctionCallDelta: Codable, Sendable, Hashable {
    package var name: String?
    package var arguments: String?

    package init(name: String? = nil, arguments: String? = nil) {
        self.name = name
        self.arguments = arguments
    }
}
