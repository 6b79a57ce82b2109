import Basics

extension ChatMessage {
    /// A message from an OpenAI chat message object (parsed with `JSONValue(parsing:)`, which keeps
    /// member order): `role`, `content` (a string, null, or a list of `{"type": "text"}` parts,
    /// joined), `reasoning_content`, `tool_calls`, `tool_call_id`, and DeepSeek's extensions
    /// `tools` and `response_format` on system and developer messages, `task` on user messages,
    /// `wo_eos` on assistant messages. `keyPath` prefixes error locations.
    package init(openAI message: JSONValue, keyPath: String = "message") throws(ChatFormatError) {
        guard message.objectMembers != nil else { throw ChatFormatError(keyPath, "expected an object") }
        guard let role = message["role"]?.stringValue else {
            throw ChatFormatError(keyPath + ".role", "expected a string")
        }
        switch role {
        case "system":
            self = .system(
                try Self.text(message["content"], keyPath + ".content"),
                tools: try Self.tools(openAI: message["tools"], keyPath: keyPath + ".tools"),
                responseFormat: message["response_format"].flatMap { $0 == .null ? nil : $0 })
        case "developer":
            self = .developer(
                try Self.text(message["content"], keyPath + ".content"),
                tools: try Self.tools(openAI: message["tools"], keyPath: keyPath + ".tools"),
                responseFormat: message["response_format"].flatMap { $0 == .null ? nil : $0 })
        case "user":
            var task: QuickTask?
            if let value = message["task"], value != .null {
                guard let name = value.stringValue, let known = QuickTask(rawValue: name) else {
                    let names = QuickTask.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ChatFormatError(keyPath + ".task", "expected one of \(names)")
                }
                task = known
            }
            self = .user(try Self.text(message["content"], keyPath + ".content"), task: task)
        case "assistant":
            var calls: [ToolCall] = []
            if let list = message["tool_calls"], list != .null {
                guard let elements = list.arrayValue else { throw ChatFormatError(keyPath + ".tool_calls", "expected an array") }
                for (index, element) in elements.enumerated() {
                    calls.append(try Self.toolCall(element, "\(keyPath).tool_calls[\(index)]"))
                }
            }
            let reasoning = message["reasoning_content"].flatMap { $0 == .null ? nil : $0 }
            if let reasoning, reasoning.stringValue == nil {
                throw ChatFormatError(keyPath + ".reasoning_content", "expected a string")
            }
            self = .assistant(
                content: try Self.text(message["content"], keyPath + ".content"),
                reasoning: reasoning?.stringValue,
                toolCalls: calls,
                isComplete: message["wo_eos"] != .bool(true))
        case "tool":
            let callID = message["tool_call_id"].flatMap { $0 == .null ? nil : $0 }
            if let callID, callID.stringValue == nil {
                throw ChatFormatError(keyPath + ".tool_call_id", "expected a string")
            }
            self = .tool(try Self.toolResultText(message["content"], keyPath + ".content"), toolCallID: callID?.stringValue)
        case "latest_reminder":
            self = .latestReminder(try Self.text(message["content"], keyPath + ".content"))
        default:
            throw ChatFormatError(keyPath + ".role", "unknown role \"\(role)\"")
        }
    }

    /// Tools from an OpenAI `tools` array (`[{"type": "function", "function": {…}}]`); absent or
    /// null is none.
    package static func tools(openAI value: JSONValue?, keyPath: String = "tools") throws(ChatFormatError) -> [ToolDefinition] {
        guard let value, value != .null else { return [] }
        guard let elements = value.arrayValue else { throw ChatFormatError(keyPath, "expected an array") }
        var tools: [ToolDefinition] = []
        for (index, element) in elements.enumerated() {
            guard let function = element["function"], function.objectMembers != nil else {
                throw ChatFormatError("\(keyPath)[\(index)].function", "expected an object")
            }
            guard function["name"]?.stringValue != nil else {
                throw ChatFormatError("\(keyPath)[\(index)].function.name", "expected a string")
            }
            tools.append(ToolDefinition(function: function))
        }
        return tools
    }

    private static func toolCall(_ value: JSONValue, _ keyPath: String) throws(ChatFormatError) -> ToolCall {
        guard let function = value["function"], function.objectMembers != nil else {
            throw ChatFormatError(keyPath + ".function", "expected an object")
        }
        guard let name = function["name"]?.stringValue else {
            throw ChatFormatError(keyPath + ".function.name", "expected a string")
        }
        let arguments: String
        switch function["arguments"] {
        case .string(let text)?: arguments = text
        case nil, .null?: arguments = "{}"
        case let other?: arguments = other.pythonJSON  // some clients send an object
        }
        return ToolCall(id: value["id"]?.stringValue, name: name, argumentsJSON: arguments)
    }

    /// Message text: a string, null (empty), or a list of text parts joined without separator.
    private static func text(_ value: JSONValue?, _ keyPath: String) throws(ChatFormatError) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .array(let parts)?:
            var text = ""
            for (index, part) in parts.enumerated() {
                guard part["type"]?.stringValue == "text", let piece = part["text"]?.stringValue else {
                    throw ChatFormatError("\(keyPath)[\(index)]", "expected a text part {\"type\": \"text\", \"text\": …}")
                }
                text += piece
            }
            return text
        default:
            throw ChatFormatError(keyPath, "expected a string, null or a list of text parts")
        }
    }

    /// Tool-result text: like `text`, but list parts join with a blank line and non-text parts
    /// become `[Unsupported TYPE]`, as the reference encoder writes them.
    private static func toolResultText(_ value: JSONValue?, _ keyPath: String) throws(ChatFormatError) -> String {
        guard case .array(let parts)? = value else { return try Self.text(value, keyPath) }
        return parts.map { part in
            if part["type"]?.stringValue == "text" { return part["text"]?.stringValue ?? "" }
            return "[Unsupported \(part["type"]?.stringValue ?? "None")]"
        }.joined(separator: "\n\n")
    }
}
