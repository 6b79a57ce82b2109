import TerminalKit

/// Draws the chat: the transcript (wrapped, following the end unless scrolled), the composer
/// with its cursor, and the context meter in the frame.
package enum ChatView {
    /// Rows the composer takes (text rows plus its separator line).
    package static func composerHeight(_ state: WorkbenchState, width: Int) -> Int {
        let rows = state.chat.composer.wrapped(width: max(1, width - 2)).lines.count
        return min(max(1, rows), 6) + 1
    }

    package static func title(_ state: WorkbenchState) -> String {
        let title = state.chat.conversation.title
        return title.isEmpty ? "Chat" : "Chat · " + title
    }

    /// The context meter: tokens sent with the next message of the model's context.
    package static func meter(_ state: WorkbenchState) -> [Span] {
        let theme = state.theme
        guard let tokens = state.chat.contextTokens else {
            return [Span(state.engine.info == nil ? "ctx —" : "ctx …", theme.style(ThemeScope.dim))]
        }
        let maximum = state.memory.engine?.maxContext ?? state.engine.info?.maxContext
        guard let maximum, maximum > 0 else { return [Span("ctx \(Format.thousands(tokens)) tok", theme.style(ThemeScope.chatMeter))] }
        let fraction = Double(tokens) / Double(maximum)
        let filled = min(8, Int((fraction * 8).rounded(.up)))
        let bar = String(repeating: "▮", count: filled) + String(repeating: "▯", count: 8 - filled)
        let style = theme.style(fraction > 0.9 ? ThemeScope.chatMeterFull : ThemeScope.chatMeter)
        return [Span("ctx \(Format.thousands(tokens))/\(Format.thousands(maximum)) ", style), Span(bar, style)]
    }

    /// Where the composer's cursor is on screen (when the chat is focused and nothing covers it).
    package static func cursor(_ state: WorkbenchState, content: Rect) -> Point? {
        let height = self.composerHeight(state, width: content.width)
        let area = Rect(x: content.x, y: content.maxY - height + 1, width: content.width, height: height - 1)
        let wrapped = state.chat.composer.wrapped(width: max(1, area.width - 2))
        let first = max(0, wrapped.cursorRow - area.height + 1)
        return Point(x: area.x + 2 + wrapped.cursorColumn, y: area.y + wrapped.cursorRow - first)
    }

    package static func render(_ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas) {
        let composerHeight = self.composerHeight(state, width: content.width)
        let (transcriptArea, composerArea) = content.splitBottom(composerHeight)
        self.renderTranscript(state, theme: theme, area: transcriptArea, canvas: &canvas)
        // Separator with a hint.
        let separatorStyle = theme.style(focused ? ThemeScope.borderFocused : ThemeScope.border)
        canvas.write(String(repeating: "─", count: composerArea.width), at: composerArea.origin, style: separatorStyle)
        let hint: String
        if state.chat.isStreaming {
            hint = " answering… " + (state.keymap.hint(for: "cancel", in: [.composer, .global]) ?? "esc") + " stops "
        } else if state.chat.pendingSend != nil {
            hint = " reading attachments… "
        } else {
            let send = state.keymap.hint(for: "sendMessage", in: [.composer]) ?? "enter"
            let newline = state.keymap.hint(for: "insertNewline", in: [.composer]) ?? "alt-enter"
            hint = " \(send) send · \(newline) new line · @path attaches "
        }
        canvas.write(hint, at: Point(x: composerArea.x + 1, y: composerArea.y), style: theme.style(ThemeScope.dim), maxWidth: composerArea.width - 2)
        let inputArea = composerArea.splitTop(1).1
        let wrapped = state.chat.composer.wrapped(width: max(1, inputArea.width - 2))
        let first = max(0, wrapped.cursorRow - inputArea.height + 1)
        let promptStyle = theme.style(ThemeScope.chatUser)
        if state.chat.composer.isEmpty && !focused {
            canvas.write("› ask about this code…", at: inputArea.origin, style: theme.style(ThemeScope.dim), maxWidth: inputArea.width)
        } else {
            for row in 0..<inputArea.height {
                let index = first + row
                guard index < wrapped.lines.count else { break }
                let y = inputArea.y + row
                if index == 0 { canvas.write("› ", at: Point(x: inputArea.x, y: y), style: promptStyle) }
                canvas.write(
                    self.styledMentions(wrapped.lines[index], theme: theme), at: Point(x: inputArea.x + 2, y: y), maxWidth: inputArea.width - 2)
            }
        }
    }

    /// The transcript as styled rows for `width` columns: the last messages that together give
    /// at least `minimumRows` rows (all of them when nil), so a long conversation costs only
    /// what is on screen.
    package static func transcriptLines(_ state: WorkbenchState, theme: Theme, width: Int, minimumRows: Int? = nil) -> [[Span]] {
        var lines: [[Span]] = []
        let text = theme.style(ThemeScope.chatAssistant)
        let model = state.engine.info?.model ?? "model"
        let messages = state.chat.conversation.messages
        // The review feedback the next message will carry, shown where that message will go.
        var pending: [[Span]] = []
        if let feedback = state.review.pendingFeedback, !feedback.isEmpty {
            pending = self.feedbackRows(feedback, label: "review feedback for your next message", state: state, theme: theme, width: width)
        }
        if messages.isEmpty {
            for row in TextWidth.wrap("Ask about this repository. Mention files with @path to attach them.", width: width) {
                lines.append([Span(row, theme.style(ThemeScope.dim))])
            }
            if let info = state.engine.info, info.isBundledDemo {
                for row in TextWidth.wrap("(the bundled demo model answers with gibberish)", width: width) {
                    lines.append([Span(row, theme.style(ThemeScope.warning))])
                }
            }
            if !pending.isEmpty { lines += [[]] + pending }
            return lines
        }
        var blocks: [[[Span]]] = []
        var rows = 0
        if !pending.isEmpty {
            blocks.append([[]] + pending)
            rows += pending.count + 1
        }
        for index in messages.indices.reversed() {
            if let minimumRows, rows >= minimumRows { break }
            var block: [[Span]] = []
            self.appendMessage(index, of: state, theme: theme, width: width, model: model, text: text, to: &block)
            if index > 0 { block.insert([], at: 0) }
            rows += block.count
            blocks.append(block)
        }
        for block in blocks.reversed() { lines.append(contentsOf: block) }
        return lines
    }

    private static func appendMessage(
        _ index: Int, of state: WorkbenchState, theme: Theme, width: Int, model: String, text: Style, to lines: inout [[Span]]
    ) {
        let messages = state.chat.conversation.messages
        let message = messages[index]
        switch message.role {
        case .user:
            lines.append([Span("you", theme.style(ThemeScope.chatUser))])
            for row in TextWidth.wrap(self.displayable(message.text), width: max(1, width - 2)) {
                lines.append([Span("  ")] + self.styledMentions(row, theme: theme))
            }
            for attachment in message.attachments {
                let note = "  + @\(attachment.path) (\(Format.bytes(attachment.byteCount))\(attachment.isTruncated ? ", cut" : ""))"
                lines.append([Span(TextWidth.truncate(note, to: width), theme.style(ThemeScope.chatMention))])
            }
            if let feedback = message.reviewFeedback, !feedback.isEmpty {
                lines += self.feedbackRows(feedback, label: "review feedback sent with this message", state: state, theme: theme, width: width)
            }
        case .assistant:
            let streaming = state.chat.streaming != nil && index == messages.count - 1
            var header = [Span(model, theme.style(ThemeScope.title))]
            if streaming { header.append(Span(" …", theme.style(ThemeScope.dim))) }
            if let reason = message.finishReason, reason != "stop" {
                header.append(Span(" (\(reason))", theme.style(ThemeScope.dim)))
            }
            lines.append(header)
            if let reasoning = message.reasoning, !reasoning.isEmpty {
                let style = theme.style(ThemeScope.chatReasoning)
                if state.chat.showReasoning {
                    for row in TextWidth.wrap(self.displayable(reasoning), width: max(1, width - 4)) { lines.append([Span("  │ " + row, style)]) }
                } else {
                    let key = state.keymap.hint(for: "toggleReasoning", in: [.composer, .chat]) ?? "palette"
                    lines.append([Span("  ▸ reasoning (\(Format.thousands(reasoning.count)) characters, \(key) shows)", style)])
                }
            }
            if message.text.isEmpty && streaming {
                lines.append([Span("  waiting for the first token…", theme.style(ThemeScope.dim))])
            } else {
                for row in TextWidth.wrap(self.displayable(message.text), width: max(1, width - 2)) { lines.append([Span("  " + row, text)]) }
            }
        case .error:
            for (offset, row) in TextWidth.wrap(self.displayable(message.text), width: max(1, width - 2)).enumerated() {
                lines.append([Span(offset == 0 ? "! " : "  ", theme.style(ThemeScope.chatError)), Span(row, theme.style(ThemeScope.chatError))])
            }
        }
    }

    /// Review feedback (how the user received the model's proposal) as the model gets it: a
    /// folded line (wrapped, so a narrow pane still shows what it is), or every line when
    /// reasoning is shown (the same toggle).
    private static func feedbackRows(_ feedback: String, label: String, state: WorkbenchState, theme: Theme, width: Int) -> [[Span]] {
        let style = theme.style(ThemeScope.chatReasoning)
        var text = self.displayable(feedback)
        while text.hasSuffix("\n") { text.removeLast() }
        guard state.chat.showReasoning else {
            let count = text.split(separator: "\n", omittingEmptySubsequences: true).count
            let key = state.keymap.hint(for: "toggleReasoning", in: [.composer, .chat]) ?? "palette"
            let folded = "\(label) (\(count) line\(count == 1 ? "" : "s"), \(key) shows)"
            return TextWidth.wrap(folded, width: max(1, width - 4)).enumerated().map { index, row in
                [Span((index == 0 ? "  ▸ " : "    ") + row, style)]
            }
        }
        var rows: [[Span]] = [[Span(TextWidth.truncate("  ▾ " + label, to: width), style)]]
        for row in TextWidth.wrap(text, width: max(1, width - 4)) { rows.append([Span("  │ " + row, style)]) }
        return rows
    }

    private static func renderTranscript(_ state: WorkbenchState, theme: Theme, area: Rect, canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let lines = self.transcriptLines(state, theme: theme, width: area.width, minimumRows: area.height + state.chat.scrollFromBottom + 1)
        let maxScroll = max(0, lines.count - area.height)
        let scroll = min(state.chat.scrollFromBottom, maxScroll)
        let first = max(0, lines.count - area.height - scroll)
        for row in 0..<area.height {
            let index = first + row
            guard index < lines.count else { break }
            canvas.write(lines[index], at: Point(x: area.x, y: area.y + row), maxWidth: area.width)
        }
        if scroll > 0 {
            let note = " ↓ \(scroll) more "
            canvas.write(note, at: Point(x: area.maxX - TextWidth.of(note), y: area.maxY - 1), style: theme.style(ThemeScope.dim))
        }
    }

    /// Text as the transcript shows it: tabs expanded to four spaces, carriage returns dropped
    /// (other control characters are drawn as visible symbols by the canvas).
    static func displayable(_ text: String) -> String {
        guard text.contains("\t") || text.contains("\r") else { return text }
        var result = ""
        for character in text {
            switch character {
            case "\t": result += "    "
            case "\r": continue
            case "\r\n": result.append("\n")
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` with `@path` words styled as mentions.
    static func styledMentions(_ text: String, theme: Theme) -> [Span] {
        guard text.contains("@") else { return [Span(text)] }
        var spans: [Span] = []
        var current = ""
        var inMention = false
        for character in text {
            if character == "@" && !inMention && (current.isEmpty || current.last == " ") {
                if !current.isEmpty { spans.append(Span(current)) }
                current = "@"
                inMention = true
                continue
            }
            if inMention && character == " " {
                spans.append(Span(current, theme.style(ThemeScope.chatMention)))
                current = " "
                inMention = false
                continue
            }
            current.append(character)
        }
        if !current.isEmpty { spans.append(Span(current, inMention ? theme.style(ThemeScope.chatMention) : .plain)) }
        return spans
    }
}
