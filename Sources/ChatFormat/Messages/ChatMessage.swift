import Basics

/// One message of a conversation in the OpenAI roles DeepSeek-V4 understands. The server maps
/// OpenAI request JSON to these (content parts joined to text); `ChatEncoder` renders them.
package enum ChatMessage: Sendable, Hashable {
    /// Instructions written raw at the top of the prompt; may carry tools and a response format.
    case system(String, tools: [ToolDefinition] = [], responseFormat: JSONValue? = nil)
    /// Instructions rendered as a user turn; may carry tools and a response format. Before the
    /// last user turn, thinking mode with dropped reasoning leaves developer messages out.
    case developer(String, tools: [ToolDefinition] = [], responseFormat: JSONValue? = nil)
    /// A user turn; `task` asks for one of DeepSeek's quick-instruction outputs instead of a reply.
    case user(String, task: QuickTask? = nil)
    /// An assistant turn. `isComplete: false` leaves off the end-of-sentence token, so the model
    /// continues this message (prefill).
    case assistant(content: String = "", reasoning: String? = nil, toolCalls: [ToolCall] = [], isComplete: Bool = true)
    /// A tool result; it joins the user turn that follows the assistant's calls.
    case tool(String, toolCallID: String? = nil)
    /// Context the application refreshes each turn (date, place, app), written after
    /// `<｜latest_reminder｜>`.
    case latestReminder(String)

    /// The OpenAI role name.
    package var role: String {
        switch self {
        case .system: "system"
        case .developer: "developer"
        case .user: "user"
        case .assistant: "assistant"
        case .tool: "tool"
        case .latestReminder: "latest_reminder"
        }
    }
}

/// DeepSeek's internal quick-instruction tasks: a user turn with a task is followed by the task's
/// token instead of an ordinary assistant reply.
package enum QuickTask: String, Sendable, Hashable, CaseIterable {
    case action
    case query
    case authority
    case domain
    case title
    case readURL = "read_url"

    /// The special token written for the task (`<｜action｜>`).
    package var token: String { "<｜\(self.rawValue)｜>" }
}

/// Whether the model reasons before answering.
package enum ChatMode: String, Sendable, Hashable {
    /// The assistant turn starts with `</think>`: no reasoning.
    case chat
    /// The assistant turn starts with `<think>`: reasoning, `</think>`, then the answer.
    case thinking
}

/// DeepSeek-V4's reasoning-effort levels for thinking mode.
package enum ReasoningEffort: String, Sendable, Hashable {
    /// The default: nothing is added.
    case high
    /// Prepends a fixed paragraph asking for exhaustive reasoning.
    case max
}
