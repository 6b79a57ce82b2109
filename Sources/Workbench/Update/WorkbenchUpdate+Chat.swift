import TerminalKit

extension WorkbenchUpdate {
    // MARK: - Editing

    /// Applies an edit to the top popup's field, or else to the composer when the chat is focused.
    package static func edit(
        _ state: inout WorkbenchState, field: (inout TextField) -> Void, buffer: (inout TextBuffer) -> Void
    ) -> [Command] {
        if state.topOverlay != nil { return self.editOverlayField(&state, field) }
        if state.focus == WorkbenchLayout.chat { return self.editComposer(&state, buffer) }
        return []
    }

    /// Edits the composer and updates the `@path` completion for the word at the cursor.
    package static func editComposer(_ state: inout WorkbenchState, _ edit: (inout TextBuffer) -> Void) -> [Command] {
        edit(&state.chat.composer)
        state.chat.historyIndex = nil
        return self.updateMention(&state)
    }

    private static func updateMention(_ state: inout WorkbenchState) -> [Command] {
        let word = state.chat.composer.wordBeforeCursor
        guard word.hasPrefix("@") else {
            state.chat.mention = nil
            return []
        }
        let query = String(word.dropFirst())
        if state.chat.mention?.query == query { return [] }
        state.chat.mention = MentionCompletion(query: query, candidates: state.chat.mention?.candidates ?? [])
        var commands: [Command] = []
        if state.fileIndex.count == 0 && !state.fileIndex.isLoading {
            state.fileIndex.isLoading = true
            commands.append(.loadFileIndex)
        }
        commands.append(.findMentions(query: query))
        return commands
    }

    /// Up and down in the composer: the mention list when open, else lines, else history.
    package static func composerVertical(_ step: Int, _ state: inout WorkbenchState) -> [Command] {
        if state.chat.mention.map({ !$0.candidates.isEmpty }) == true { return self.move(by: step, &state) }
        let composer = state.chat.composer
        if step < 0 && composer.isOnFirstLine || step > 0 && composer.isOnLastLine {
            return self.history(step: step, &state)
        }
        state.chat.composer.moveUpOrDown(step)
        return []
    }

    /// Steps through earlier messages in the composer.
    package static func history(step: Int, _ state: inout WorkbenchState) -> [Command] {
        let history = state.chat.history
        guard !history.isEmpty else { return [] }
        if state.chat.historyIndex == nil {
            guard step < 0 else { return [] }
            state.chat.historyDraft = state.chat.composer.text
            state.chat.historyIndex = history.count
        }
        let index = (state.chat.historyIndex ?? history.count) + step
        if index >= history.count {
            state.chat.composer = TextBuffer(state.chat.historyDraft ?? "")
            state.chat.historyIndex = nil
            state.chat.historyDraft = nil
        } else {
            let clamped = max(0, index)
            state.chat.historyIndex = clamped
            state.chat.composer = TextBuffer(history[clamped])
        }
        state.chat.mention = nil
        return []
    }

    /// Replaces the `@word` at the cursor with the selected completion.
    package static func completeMention(_ state: inout WorkbenchState) -> [Command] {
        guard let mention = state.chat.mention, mention.candidates.indices.contains(mention.selection) else { return [] }
        state.chat.composer.replaceWordBeforeCursor(with: "@" + mention.candidates[mention.selection] + " ")
        state.chat.mention = nil
        return []
    }

    // MARK: - Sending

    /// The `@path` mentions in `text`, in order, without duplicates.
    package static func mentions(in text: String) -> [String] {
        var result: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) where word.hasPrefix("@") {
            var path = Substring(word.dropFirst())
            while let last = path.last, ",.;:!?)]}\"'".contains(last) { path = path.dropLast() }
            guard !path.isEmpty, !path.hasPrefix("/") else { continue }
            let text = String(path)
            if !result.contains(text) { result.append(text) }
        }
        return result
    }

    /// Sends the composer's text: reads `@path` attachments first when there are any.
    package static func sendMessage(_ state: inout WorkbenchState) -> [Command] {
        if state.chat.mention != nil, state.chat.mention?.candidates.isEmpty == false {
            return self.completeMention(&state)
        }
        let text = state.chat.composer.text.trimmingSpaces()
        guard !text.isEmpty else { return [] }
        if state.chat.isStreaming || state.chat.pendingSend != nil {
            return self.notify(.warning, "an answer is still coming (Esc stops it)", &state)
        }
        guard state.engine.info != nil else {
            return self.notify(.warning, "the engine is not ready yet; your message is kept", &state)
        }
        let id = state.chat.nextRequestID
        state.chat.nextRequestID += 1
        state.chat.composer = TextBuffer()
        state.chat.mention = nil
        state.chat.historyIndex = nil
        state.chat.historyDraft = nil
        if state.chat.history.last != text { state.chat.history.append(text) }
        let paths = self.mentions(in: text)
        if !paths.isEmpty {
            state.chat.pendingSend = ChatState.PendingSend(id: id, text: text, paths: paths)
            return [.readAttachments(requestID: id, paths: paths, byteCap: state.settings.attachmentByteCap)]
        }
        return self.startAnswer(id, text: text, attachments: [], failures: [], &state)
    }

    static func attachmentsLoaded(_ id: Int, _ attachments: [Attachment], _ failures: [String], _ state: inout WorkbenchState)
        -> [Command]
    {
        guard let pending = state.chat.pendingSend, pending.id == id else { return [] }
        state.chat.pendingSend = nil
        return self.startAnswer(id, text: pending.text, attachments: attachments, failures: failures, &state)
    }

    private static func startAnswer(
        _ id: Int, text: String, attachments: [Attachment], failures: [String], _ state: inout WorkbenchState
    ) -> [Command] {
        var conversation = state.chat.conversation
        if conversation.title.isEmpty { conversation.title = TextWidth.truncate(text.replacingNewlines(), to: 60) }
        conversation.messages.append(
            ConversationMessage(role: .user, text: text, attachments: attachments, reviewFeedback: ReviewUpdate.takeFeedback(&state)))
        for failure in failures {
            conversation.messages.append(ConversationMessage(role: .error, text: failure))
        }
        let messages = ContextAssembly.messages(projectName: state.projectName, memory: state.memory, conversation: conversation)
        conversation.messages.append(ConversationMessage(role: .assistant, text: ""))
        state.chat.conversation = conversation
        state.chat.streaming = ChatState.StreamingRequest(id: id)
        state.chat.scrollFromBottom = 0
        state.chat.contextRevision += 1
        return [
            .saveConversation(conversation),
            .streamChat(requestID: id, messages: messages, maxTokens: state.settings.maxAnswerTokens, temperature: state.settings.temperature),
        ]
    }

    static func chatDelta(_ id: Int, _ content: String, _ reasoning: String, _ state: inout WorkbenchState) -> [Command] {
        guard var streaming = state.chat.streaming, streaming.id == id,
            let last = state.chat.conversation.messages.indices.last,
            state.chat.conversation.messages[last].role == .assistant
        else { return [] }
        state.chat.conversation.messages[last].text += content
        if !reasoning.isEmpty {
            state.chat.conversation.messages[last].reasoning = (state.chat.conversation.messages[last].reasoning ?? "") + reasoning
        }
        streaming.chunks += 1
        state.chat.streaming = streaming
        return []
    }

    static func chatFinished(_ id: Int, _ reason: String?, _ usage: ChatState.UsageSummary?, _ state: inout WorkbenchState) -> [Command] {
        guard state.chat.streaming?.id == id, let last = state.chat.conversation.messages.indices.last else { return [] }
        state.chat.conversation.messages[last].finishReason = reason ?? "stop"
        state.chat.streaming = nil
        if let usage { state.chat.lastUsage = usage }
        state.chat.contextRevision += 1
        return [.saveConversation(state.chat.conversation), .loadEngineState] + ReviewUpdate.answerFinished(&state)
    }

    static func chatFailed(_ id: Int, _ message: String, _ state: inout WorkbenchState) -> [Command] {
        guard state.chat.streaming?.id == id else { return [] }
        state.chat.streaming = nil
        if let last = state.chat.conversation.messages.indices.last, state.chat.conversation.messages[last].role == .assistant {
            if state.chat.conversation.messages[last].text.isEmpty {
                state.chat.conversation.messages.removeLast()
            } else {
                state.chat.conversation.messages[last].finishReason = "error"
            }
        }
        state.chat.conversation.messages.append(ConversationMessage(role: .error, text: message))
        state.chat.contextRevision += 1
        return [.saveConversation(state.chat.conversation)]
    }

    /// Stops the answer being streamed; what arrived so far is kept.
    package static func cancelGeneration(_ state: inout WorkbenchState) -> [Command] {
        if let pending = state.chat.pendingSend {
            state.chat.pendingSend = nil
            state.chat.composer = TextBuffer(pending.text)
            return []
        }
        guard let streaming = state.chat.streaming else { return [] }
        state.chat.streaming = nil
        if let last = state.chat.conversation.messages.indices.last, state.chat.conversation.messages[last].role == .assistant {
            state.chat.conversation.messages[last].finishReason = "cancelled"
        }
        state.chat.contextRevision += 1
        return [.cancelChat(requestID: streaming.id), .saveConversation(state.chat.conversation)]
            + self.notify(.info, "answer stopped", &state)
    }

    /// Starts an empty conversation (the current one stays saved).
    package static func newConversation(_ state: inout WorkbenchState) -> [Command] {
        var commands: [Command] = []
        if state.chat.isStreaming { commands += self.cancelGeneration(&state) }
        state.chat.conversation = Conversation(id: Conversation.makeID(), created: 0)
        state.chat.scrollFromBottom = 0
        state.chat.lastUsage = nil
        state.chat.contextRevision += 1
        return commands + self.notify(.info, "new conversation", &state)
    }

    // MARK: - Memory

    /// Pins `text` as a note.
    package static func addNote(_ text: String, _ state: inout WorkbenchState) -> [Command] {
        state.memory.notes.append(PinnedNote(id: Conversation.makeID(), text: text, created: 0))
        state.memory.selectedNote = state.memory.notes.count - 1
        state.chat.contextRevision += 1
        return [.saveNotes(state.memory.notes)]
    }

    /// Unpins the selected note.
    package static func removeNote(_ state: inout WorkbenchState) -> [Command] {
        guard state.memory.notes.indices.contains(state.memory.selectedNote) else { return [] }
        state.memory.notes.remove(at: state.memory.selectedNote)
        state.memory.selectedNote = max(0, min(state.memory.selectedNote, state.memory.notes.count - 1))
        state.chat.contextRevision += 1
        return [.saveNotes(state.memory.notes)]
    }
}

extension TextBuffer {
    /// Moves the cursor a line up (negative) or down.
    mutating func moveUpOrDown(_ step: Int) {
        if step < 0 { self.moveUp() } else { self.moveDown() }
    }
}

extension String {
    func replacingNewlines() -> String {
        String(self.map { $0 == "\n" ? " " : $0 })
    }
}

extension Conversation {
    /// A new random identifier (also the file name): 16 hex digits.
    package static func makeID() -> String {
        let value = UInt64.random(in: 0...UInt64.max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
