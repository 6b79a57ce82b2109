import Basics
import ChatFormat
import EngineProtocol
import Tokenization

/// A chat request rendered as a DeepSeek-V4 prompt.
struct ChatPrompt {
    /// The prompt text (ending with `<｜Assistant｜>` and `<think>` or `</think>`, plus any
    /// forced tool-call prefix).
    var text: String
    var tokens: [Int]
    var mode: ChatMode
    /// Text appended after the generation prompt to force a tool call (`tool_choice`); the
    /// completion parser is fed it before the generated text.
    var forcedPrefix: String
    /// The names of the request's tools.
    var toolNames: [String]
    /// True when `forcedPrefix` holds a whole call (a forced function without parameters), so
    /// nothing needs generating.
    var forcedCallIsComplete: Bool
    /// True when the prompt offers tools: the end of a tool-call block then ends the answer.
    var offersTools: Bool
    /// Tokens of `forcedPrefix` (they count as generated in `usage`).
    var forcedPrefixTokens: Int

    /// Renders `body` (the request JSON, re-read with member order kept: tool schemas appear in
    /// the prompt as sent) with the options of `request`.
    ///
    /// `tool_choice` is honoured in the prompt: `none` leaves the tools out; `required` starts
    /// the answer with a tool-call block; a named function starts that function's call.
    static func build(body: [UInt8], request: ChatCompletionRequest, tokenizer: Tokenizer) throws(ResponseError) -> ChatPrompt {
        let root: ChatFormat.JSONValue
        do {
            root = try ChatFormat.JSONValue(parsing: body)
        } catch {
            throw .badRequest("the request body is not valid JSON: \(error)")
        }
        guard let list = root["messages"]?.arrayValue else {
            throw .badRequest("missing required parameter 'messages'", param: "messages")
        }
        guard !list.isEmpty else {
            throw .badRequest("'messages' must contain at least one message", param: "messages")
        }
        var messages: [ChatFormat.ChatMessage] = []
        for (index, element) in list.enumerated() {
            do {
                messages.append(try ChatFormat.ChatMessage(openAI: element, keyPath: "messages[\(index)]"))
            } catch {
                throw .badRequest("invalid message: \(error)", param: error.keyPath.isEmpty ? "messages[\(index)]" : error.keyPath)
            }
        }
        let tools: [ToolDefinition]
        do {
            tools = try ChatFormat.ChatMessage.tools(openAI: root["tools"], keyPath: "tools")
        } catch {
            throw .badRequest("invalid tools: \(error)", param: error.keyPath.isEmpty ? "tools" : error.keyPath)
        }
        let names = tools.map(\.name)
        if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw .badRequest("tool names must be unique; '\(duplicate)' appears twice", param: "tools")
        }
        var forcedPrefix = ""
        var forcedComplete = false
        var promptTools = tools
        let dsml = DeepSeekTokens.dsml
        switch request.toolChoice {
        case nil, .auto?:
            break
        case .none?:
            promptTools = []
        case .required?:
            guard !tools.isEmpty else {
                throw .badRequest("tool_choice 'required' needs at least one tool in 'tools'", param: "tool_choice")
            }
            forcedPrefix = "\n\n" + DeepSeekTokens.toolCallsStart + "\n"
        case .function(let name)?:
            guard names.contains(name) else {
                throw .badRequest("tool_choice names the function '\(name)', which is not in 'tools'", param: "tool_choice")
            }
            forcedPrefix = "\n\n" + DeepSeekTokens.toolCallsStart + "\n<\(dsml)invoke name=\"\(name)\">\n"
            if let tool = tools.first(where: { $0.name == name }), Self.takesNoArguments(tool) {
                // The call is fully determined: write it whole.
                forcedPrefix += "</\(dsml)invoke>\n" + DeepSeekTokens.toolCallsEnd
                forcedComplete = true
            }
        }
        let mode: ChatMode = request.thinkingEnabled == true ? .thinking : .chat
        var text = ChatEncoder.encode(
            messages: messages,
            tools: promptTools,
            mode: mode,
            reasoningEffort: request.reasoningEffort == "max" ? .max : nil
        )
        if !forcedPrefix.isEmpty && mode == .thinking {
            // A forced call skips the reasoning: close it before the call block.
            forcedPrefix = DeepSeekTokens.thinkEnd + forcedPrefix
        }
        let promptOnly = tokenizer.encode(text).count
        text += forcedPrefix
        let tokens = tokenizer.encode(text)
        return ChatPrompt(
            text: text,
            tokens: tokens,
            mode: mode,
            forcedPrefix: forcedPrefix,
            toolNames: names,
            forcedCallIsComplete: forcedComplete,
            offersTools: !promptTools.isEmpty,
            forcedPrefixTokens: max(0, tokens.count - promptOnly)
        )
    }

    /// True when a tool's parameter schema declares no properties.
    private static func takesNoArguments(_ tool: ToolDefinition) -> Bool {
        guard let parameters = tool.parameters, parameters != .null else { return true }
        guard let properties = parameters["properties"], properties != .null else { return true }
        return properties.objectMembers?.isEmpty ?? false
    }

    /// The token ids that end an assistant turn: end of sentence and `<｜User｜>`.
    static func stopTokens(_ tokenizer: Tokenizer) -> Set<Int> {
        var ids = Set([tokenizer.eosTokenID].compactMap { $0 })
        for text in DeepSeekTokens.stopStrings {
            if let id = tokenizer.id(forToken: text) { ids.insert(id) }
        }
        return ids
    }
}
