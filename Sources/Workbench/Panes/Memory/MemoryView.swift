import TerminalKit
import Workspace

/// Draws the memory pane from the same parts the chat sends (`ContextAssembly`), with their
/// sizes, the cap, the pinned notes and the engine's state.
package enum MemoryView {
    package static func title(_ state: WorkbenchState) -> String {
        "Memory · " + (state.memory.directory.isEmpty ? "/" : state.memory.directory + "/")
    }

    package static func footer(_ state: WorkbenchState) -> [Span] {
        [Span("cap \(Format.bytes(state.memory.byteCap))", state.theme.style(ThemeScope.dim))]
    }

    /// The pane's rows.
    package static func lines(_ state: WorkbenchState, theme: Theme, width: Int) -> [[Span]] {
        let heading = theme.style(ThemeScope.memoryHeading)
        let size = theme.style(ThemeScope.memorySize)
        let dim = theme.style(ThemeScope.dim)
        var lines: [[Span]] = []
        let parts = ContextAssembly.systemParts(projectName: state.projectName, memory: state.memory)
            + [ContextAssembly.conversationPart(state.chat.conversation)]
        let sentBytes = parts.reduce(0) { $0 + $1.bytes }
        let tokens = state.chat.contextTokens.map { Format.thousands($0) + " tok" } ?? "… tok"
        lines.append([Span("Sent as context", heading), Span("  \(tokens) · \(Format.bytes(sentBytes))", size)])
        for part in parts {
            let sizeText: String
            if part.isOmitted {
                sizeText = "over cap, not sent"
            } else if part.isTruncated {
                sizeText = "\(Format.bytes(part.bytes)) of \(Format.bytes(part.sourceBytes))"
            } else {
                sizeText = Format.bytes(part.bytes)
            }
            let labelWidth = max(4, width - TextWidth.of(sizeText) - 3)
            let labelStyle: Style = part.isOmitted ? dim : .plain
            lines.append([
                Span(" " + TextWidth.pad(TextWidth.truncate(part.label, to: labelWidth), to: labelWidth), labelStyle),
                Span(" " + sizeText, part.isTruncated || part.isOmitted ? theme.style(ThemeScope.warning) : size),
            ])
            if part.kind == .instructions {
                for file in state.memory.context.files {
                    let detail: String
                    if file.isOmitted {
                        detail = "\(Format.bytes(file.size)), over the cap"
                    } else if file.isTruncated {
                        detail = "\(Format.bytes(file.includedText.utf8.count)) of \(Format.bytes(file.size))"
                    } else {
                        detail = Format.bytes(file.size)
                    }
                    let labelWidth = max(4, width - TextWidth.of(detail) - 5)
                    lines.append([
                        Span("   " + TextWidth.pad(TextWidth.truncateLeading(file.path, to: labelWidth), to: labelWidth), file.isOmitted ? dim : .plain),
                        Span(" " + detail, file.isTruncated ? theme.style(ThemeScope.warning) : size),
                    ])
                }
            }
        }
        if state.memory.context.files.isEmpty {
            for row in TextWidth.wrap("no AGENTS.md (or CLAUDE.md) from / to here", width: max(1, width - 1)) {
                lines.append([Span(" " + row, dim)])
            }
        }
        lines.append([])
        lines.append([Span("Pinned notes", heading)])
        if state.memory.notes.isEmpty {
            let key = state.keymap.hint(for: "addNote", in: [.memory]) ?? "palette"
            lines.append([Span(" none — \(key) pins one", dim)])
        }
        for (index, note) in state.memory.notes.enumerated() {
            let marker = index == state.memory.selectedNote ? "›" : " "
            lines.append([Span(marker + " " + TextWidth.truncate(note.text.replacingNewlines(), to: max(1, width - 2)), theme.style(ThemeScope.memoryNote))])
        }
        lines.append([])
        lines.append([Span("Engine", heading)])
        if let engine = state.memory.engine {
            lines.append([Span(" " + engine.model, .plain)])
            var session = " \(engine.sessionCount) session\(engine.sessionCount == 1 ? "" : "s")"
            if let tokens = engine.latestSessionTokens { session += " · latest \(Format.thousands(tokens)) tok" }
            lines.append([Span(session, size)])
            lines.append([Span(" cached \(Format.thousands(engine.cachedTokens)) tok · KV \(Format.bytes(engine.kvBytes))", size)])
            let kinds = engine.kvBytesByLayerKind.sorted { $0.key < $1.key }.filter { $0.value > 0 }
            if !kinds.isEmpty {
                lines.append([Span(" " + kinds.map { "\($0.key) \(Format.bytes($0.value))" }.joined(separator: " · "), dim)])
            }
            lines.append([Span(" prefix reuse: \(engine.prefixHits) hits, \(Format.thousands(engine.reusedTokens)) tok", dim)])
            if let resident = engine.residentBytes { lines.append([Span(" resident \(Format.bytes(resident))", dim)]) }
        } else if let problem = state.memory.engineProblem {
            lines.append([Span(" " + problem, theme.style(ThemeScope.warning))])
        } else {
            lines.append([Span(" not connected", dim)])
        }
        return lines
    }

    package static func render(_ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas) {
        let lines = self.lines(state, theme: theme, width: content.width)
        let scroll = min(state.memory.scroll, max(0, lines.count - content.height))
        for row in 0..<content.height {
            let index = scroll + row
            guard index < lines.count else { break }
            canvas.write(lines[index], at: Point(x: content.x, y: content.y + row), maxWidth: content.width)
        }
    }
}
