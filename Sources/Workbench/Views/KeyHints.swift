import TerminalKit

/// Key hints for a pane's bottom edge: `a accept · r reject · w apply`, with the keys the active
/// keymap binds (an action without a key is left out).
package enum KeyHints {
    /// The hints for `actions` (action, label), looking keys up in `contexts` in order.
    package static func spans(_ actions: [(ActionID, String)], in contexts: [KeyContext], _ state: WorkbenchState) -> [Span] {
        let theme = state.theme
        var spans: [Span] = []
        for (action, label) in actions {
            guard let key = state.keymap.hint(for: action, in: contexts) else { continue }
            if !spans.isEmpty { spans.append(Span(" · ", theme.style(ThemeScope.dim))) }
            spans.append(Span(key, theme.style(ThemeScope.key)))
            spans.append(Span(" " + label, theme.style(ThemeScope.dim)))
        }
        return spans
    }
}
