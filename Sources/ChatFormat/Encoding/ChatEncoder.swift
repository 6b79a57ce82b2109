import Basics

/// Renders a conversation as DeepSeek-V4 prompt text, byte for byte as DeepSeek's reference
/// encoder (`encoding/encoding_dsv4.py`, `encode_messages`) does:
///
/// - BOS, then each message. System text is raw; user and developer turns start with
///   `<｜User｜>`; a user or developer turn followed by an assistant turn (or ending the
///   conversation) is followed by `<｜Assistant｜>` and `<think>` (thinking) or `</think>` (chat).
/// - Tool results join the user turn after the calls as `<tool_result>…</tool_result>` blocks,
///   ordered by the calls' order; consecutive user messages join with a blank line.
/// - An assistant turn is `reasoning</think>` (thinking mode), the content, the DSML tool-call
///   block, then `<｜end▁of▁sentence｜>`.
/// - In thinking mode, unless some message carries tools or `dropThinking` is false, reasoning
///   of assistant turns before the last user turn is dropped (and developer messages there too).
package enum ChatEncoder {
    /// The prompt text for `messages`.
    ///
    /// - Parameters:
    ///   - tools: tools of the request; they join the first message when it is a system message,
    ///     otherwise they go on a new empty system message at the start.
    ///   - mode: chat (no reasoning) or thinking.
    ///   - reasoningEffort: `.max` prepends the maximum-effort paragraph in thinking mode.
    ///   - dropThinking: drop reasoning of earlier turns (the reference default).
    ///   - addBOS: start with `<｜begin▁of▁sentence｜>`.
    package static func encode(
        messages: [ChatMessage],
        tools: [ToolDefinition] = [],
        mode: ChatMode,
        reasoningEffort: ReasoningEffort? = nil,
        dropThinking: Bool = true,
        addBOS: Bool = true
    ) -> String {
        var turns = Self.mergeToolResults(Self.attach(tools: tools, to: messages))
        Self.sortToolResultsByCallOrder(&turns)
        let drop = dropThinking && !turns.contains { !$0.tools.isEmpty }
        if mode == .thinking && drop { turns = Self.droppingEarlierThinking(turns) }
        var prompt = addBOS ? DeepSeekTokens.beginOfSentence : ""
        for index in turns.indices {
            Self.render(index, of: turns, mode: mode, dropThinking: drop, reasoningEffort: reasoningEffort, into: &prompt)
        }
        return prompt
    }

    /// The DSML text of a tool-call block as it follows an assistant's content (starting with
    /// the blank line), e.g. for reporting calls back to the model.
    package static func toolCallBlock(_ calls: [ToolCall]) -> String {
        guard !calls.isEmpty else { return "" }
        let dsml = DeepSeekTokens.dsml
        let invokes = calls.map { call in
            "<\(dsml)invoke name=\"\(call.name)\">\n" + Self.dsmlParameters(call.argumentsJSON) + "\n</\(dsml)invoke>"
        }
        return "\n\n" + DeepSeekTokens.toolCallsStart + "\n" + invokes.joined(separator: "\n") + "\n"
            + DeepSeekTokens.toolCallsEnd
    }

    /// One `<｜DSML｜parameter …>` line per argument: strings raw with `string="true"`, other values
    /// as JSON with `string="false"`. Arguments that are not a JSON object become one string
    /// parameter named `arguments` (as the reference does when they do not parse).
    static func dsmlParameters(_ argumentsJSON: String) -> String {
        let dsml = DeepSeekTokens.dsml
        let members: [JSONValue.Member]
        if let parsed = try? JSONValue(parsing: argumentsJSON), let object = parsed.objectMembers {
            members = object
        } else {
            members = [JSONValue.Member("arguments", .string(argumentsJSON))]
        }
        return members.map { member in
            let isString = member.value.stringValue != nil
            let value = member.value.stringValue ?? member.value.pythonJSON
            return "<\(dsml)parameter name=\"\(member.key)\" string=\"\(isString)\">\(value)</\(dsml)parameter>"
        }.joined(separator: "\n")
    }

    // MARK: - Preparing the turns

    /// A message after tool results were merged into user turns.
    struct Turn {
        /// The roles left after merging (tool results live in user turns).
        enum Role: Equatable { case system, developer, user, assistant, latestReminder }
        /// A part of a user turn, joined to the others with a blank line.
        enum Block {
            case text(String)
            case toolResult(String, callID: String)
        }

        /// Who speaks.
        var role: Role
        /// The text of system, developer, assistant and latest-reminder turns.
        var content = ""
        /// The parts of a user turn.
        var blocks: [Block] = []
        /// Tools listed by a system or developer turn.
        var tools: [ToolDefinition] = []
        /// The response format of a system or developer turn.
        var responseFormat: JSONValue?
        /// An assistant turn's reasoning.
        var reasoning: String?
        /// An assistant turn's tool calls.
        var toolCalls: [ToolCall] = []
        /// A user turn's quick-instruction task.
        var task: QuickTask?
        /// False for an assistant turn left open (no end-of-sentence token).
        var isComplete = true
    }

    private static func attach(tools: [ToolDefinition], to messages: [ChatMessage]) -> [ChatMessage] {
        guard !tools.isEmpty else { return messages }
        var messages = messages
        if case .system(let content, let existing, let format) = messages.first {
            messages[0] = .system(content, tools: existing + tools, responseFormat: format)
        } else {
            messages.insert(.system("", tools: tools), at: 0)
        }
        return messages
    }

    /// `merge_tool_messages`: tool results become blocks of a user turn; a user message joins
    /// the previous user turn unless that one carries a task.
    private static func mergeToolResults(_ messages: [ChatMessage]) -> [Turn] {
        var turns: [Turn] = []
        for message in messages {
            switch message {
            case .tool(let content, let callID):
                let block = Turn.Block.toolResult(content, callID: callID ?? "")
                if let last = turns.last, last.role == .user {
                    turns[turns.count - 1].blocks.append(block)
                } else {
                    turns.append(Turn(role: .user, blocks: [block]))
                }
            case .user(let content, let task):
                if let last = turns.last, last.role == .user, last.task == nil {
                    turns[turns.count - 1].blocks.append(.text(content))
                } else {
                    turns.append(Turn(role: .user, blocks: [.text(content)], task: task))
                }
            case .system(let content, let tools, let format):
                turns.append(Turn(role: .system, content: content, tools: tools, responseFormat: format))
            case .developer(let content, let tools, let format):
                turns.append(Turn(role: .developer, content: content, tools: tools, responseFormat: format))
            case .assistant(let content, let reasoning, let calls, let isComplete):
                turns.append(Turn(role: .assistant, content: content, reasoning: reasoning, toolCalls: calls, isComplete: isComplete))
            case .latestReminder(let content):
                turns.append(Turn(role: .latestReminder, content: content))
            }
        }
        return turns
    }

    /// `sort_tool_results_by_call_order`: the tool results of a user turn follow the order of the
    /// latest assistant turn's calls (stable; results of unknown calls count as position 0).
    private static func sortToolResultsByCallOrder(_ turns: inout [Turn]) {
        var order: [String: Int] = [:]
        for index in turns.indices {
            let turn = turns[index]
            if turn.role == .assistant && !turn.toolCalls.isEmpty {
                order = [:]
                for (position, call) in turn.toolCalls.enumerated() {
                    if let id = call.id, !id.isEmpty { order[id] = position }
                }
            } else if turn.role == .user {
                var results: [(rank: Int, position: Int, block: Turn.Block)] = []
                for block in turn.blocks {
                    if case .toolResult(_, let callID) = block {
                        results.append((order[callID] ?? 0, results.count, block))
                    }
                }
                guard results.count > 1 && !order.isEmpty else { continue }
                results.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }
                var next = 0
                for blockIndex in turns[index].blocks.indices {
                    if case .toolResult = turns[index].blocks[blockIndex] {
                        turns[index].blocks[blockIndex] = results[next].block
                        next += 1
                    }
                }
            }
        }
    }

    private static func lastUserIndex(_ turns: [Turn]) -> Int {
        turns.lastIndex { $0.role == .user || $0.role == .developer } ?? -1
    }

    /// `_drop_thinking_messages`: before the last user turn, assistant turns lose their reasoning
    /// and developer messages are left out.
    private static func droppingEarlierThinking(_ turns: [Turn]) -> [Turn] {
        let lastUser = Self.lastUserIndex(turns)
        var result: [Turn] = []
        for (index, turn) in turns.enumerated() {
            switch turn.role {
            case .user, .system, .latestReminder:
                result.append(turn)
            case _ where index >= lastUser:
                result.append(turn)
            case .assistant:
                var stripped = turn
                stripped.reasoning = nil
                result.append(stripped)
            case .developer:
                break
            }
        }
        return result
    }

    // MARK: - Rendering

    /// `render_message`: appends the text of `turns[index]` and the transition that follows it.
    private static func render(
        _ index: Int,
        of turns: [Turn],
        mode: ChatMode,
        dropThinking: Bool,
        reasoningEffort: ReasoningEffort?,
        into prompt: inout String
    ) {
        let turn = turns[index]
        let lastUser = Self.lastUserIndex(turns)
        if index == 0 && mode == .thinking && reasoningEffort == .max {
            prompt += PromptTexts.maximumReasoningEffort
        }

        switch turn.role {
        case .system:
            prompt += turn.content
            Self.appendSections(turn, into: &prompt)
        case .developer:
            prompt += DeepSeekTokens.user + turn.content
            Self.appendSections(turn, into: &prompt)
        case .user:
            prompt += DeepSeekTokens.user
            prompt += turn.blocks.map { block in
                switch block {
                case .text(let text): text
                case .toolResult(let content, _): DeepSeekTokens.toolResultStart + content + DeepSeekTokens.toolResultEnd
                }
            }.joined(separator: "\n\n")
        case .latestReminder:
            prompt += DeepSeekTokens.latestReminder + turn.content
        case .assistant:
            let previousHasTask = index > 0 && turns[index - 1].task != nil
            if mode == .thinking && !previousHasTask && (!dropThinking || index > lastUser) {
                prompt += (turn.reasoning ?? "") + DeepSeekTokens.thinkEnd
            }
            prompt += turn.content
            prompt += Self.toolCallBlock(turn.toolCalls)
            if turn.isComplete { prompt += DeepSeekTokens.endOfSentence }
        }

        // What follows: nothing when another non-assistant turn comes next (a latest reminder
        // counts as assistant-side here), else the assistant start for user and developer turns.
        if index + 1 < turns.count {
            let next = turns[index + 1].role
            if next != .assistant && next != .latestReminder { return }
        }
        if let task = turn.task {
            if task == .action {
                prompt += DeepSeekTokens.assistant
                prompt += mode == .thinking ? DeepSeekTokens.thinkStart : DeepSeekTokens.thinkEnd
            }
            prompt += task.token
        } else if turn.role == .user || turn.role == .developer {
            prompt += DeepSeekTokens.assistant
            let opensThinking = mode == .thinking && (!dropThinking || index >= lastUser)
            prompt += opensThinking ? DeepSeekTokens.thinkStart : DeepSeekTokens.thinkEnd
        }
    }

    /// The tools and response-format sections of a system or developer message.
    private static func appendSections(_ turn: Turn, into prompt: inout String) {
        if !turn.tools.isEmpty {
            let schemas = turn.tools.map { $0.function.pythonJSON }.joined(separator: "\n")
            prompt += "\n\n" + PromptTexts.toolsSection(schemas: schemas)
        }
        if let format = turn.responseFormat, format.isPythonTruthy {
            prompt += "\n\n" + PromptTexts.responseFormatSection(schema: format.pythonJSON)
        }
    }
}
