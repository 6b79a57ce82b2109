import TerminalKit

/// The help overlay's text, generated from the active keymap: every context's bindings with the
/// action titles from the registry.
package enum HelpContent {
    /// One line: a heading, or a key and what it does.
    package enum Line: Hashable, Sendable {
        case heading(String)
        case binding(key: String, title: String)
        case blank
    }

    /// The lines for the active keymap.
    package static func lines(_ state: WorkbenchState) -> [Line] {
        var lines: [Line] = [.heading("Keymap \"\(state.keymap.name)\" — \(state.keymap.source)")]
        let order = KeyContext.standard + state.keymap.contexts.filter { !KeyContext.standard.contains($0) }
        let positions = Dictionary(
            state.actions.descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for context in order {
            let bindings = state.keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            lines.append(.blank)
            lines.append(.heading(self.heading(for: context)))
            // One line per action, in the registry's order (related actions stay together), with
            // every key bound to it, shortest first.
            var keys: [ActionID: [[Key]]] = [:]
            for (sequence, action) in bindings { keys[action, default: []].append(sequence) }
            let actions = keys.keys.sorted { (positions[$0] ?? Int.max, $0.rawValue) < (positions[$1] ?? Int.max, $1.rawValue) }
            for action in actions {
                let sequences = (keys[action] ?? []).sorted {
                    ($0.count, Key.notation(of: $0).count, Key.notation(of: $0)) < ($1.count, Key.notation(of: $1).count, Key.notation(of: $1))
                }
                lines.append(
                    .binding(
                        key: sequences.map { Key.notation(of: $0) }.joined(separator: ", "),
                        title: state.actions[action]?.title ?? action.rawValue))
            }
        }
        return lines
    }

    /// The number of lines (for scrolling).
    package static func lineCount(_ state: WorkbenchState) -> Int {
        self.lines(state).count
    }

    private static func heading(for context: KeyContext) -> String {
        switch context {
        case .global: "Everywhere"
        case .tree: "File tree"
        case .viewer: "File viewer"
        case .review: "Review of a change"
        case .migration: "Migration walkthrough"
        case .chat: "Chat"
        case .composer: "Chat composer (typing)"
        case .memory: "Memory"
        case .list: "Lists in popups"
        case .input: "Text fields in popups"
        case .help: "This help"
        default: context.rawValue
        }
    }
}
