/// A call of a tool by the assistant: the tool's name and its arguments as a JSON object text.
package struct ToolCall: Sendable, Hashable {
    /// The OpenAI call id (`call_…`); used to order tool results, nil for parsed completions
    /// (the server assigns ids).
    package var id: String?
    /// The tool's name.
    package var name: String
    /// The arguments, a JSON object as text (`{"location": "Beijing"}`).
    package var argumentsJSON: String

    /// A tool call.
    package init(id: String? = nil, name: String, argumentsJSON: String) {
        self.id = id
        self.name = name
        self.argumentsJSON = argumentsJSON
    }
}
