import TerminalKit

/// Draws the status bar: the focused pane, pending keys or the latest notice, and the engine's
/// state (saying plainly when the model is the bundled demo).
package enum StatusBarView {
    /// The engine segment's text and style scope.
    package static func engineSegment(_ state: WorkbenchState) -> (text: String, scope: String) {
        switch state.engine {
        case .idle:
            return (" engine ○ not connected ", ThemeScope.statusBarEngineBusy)
        case .connecting(let text):
            return (" engine ◌ \(text) ", ThemeScope.statusBarEngineBusy)
        case .ready(let info):
            let busy = state.chat.isStreaming ? " answering" : ""
            return (" engine ● \(info.model)\(busy) ", ThemeScope.statusBarEngineReady)
        case .failed(let message):
            return (" engine ✗ \(message) ", ThemeScope.statusBarEngineError)
        }
    }

    package static func render(_ state: WorkbenchState, theme: Theme, area: Rect, canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let base = theme.style(ThemeScope.statusBar)
        canvas.fill(area, style: base)
        var right: [Span] = []
        let engine = self.engineSegment(state)
        if let info = state.engine.info, info.isBundledDemo {
            right.append(Span(" tiny random-weight demo model ", theme.style(ThemeScope.statusBarDemo)))
        }
        right.append(Span(engine.text, theme.style(engine.scope)))
        let pane = " " + self.paneName(state) + " "
        var left: [Span] = [Span(pane, theme.style(ThemeScope.statusBarPane))]
        if !state.pendingKeys.isEmpty {
            let next = state.keymap.continuations(of: state.pendingKeys, in: WorkbenchUpdate.activeContexts(state))
                .prefix(6).map { key, action in "\(key.notation) \(action.flatMap { state.actions[$0]?.title } ?? "…")" }
            left.append(Span(" " + Key.notation(of: state.pendingKeys) + " — " + next.joined(separator: " · ")))
        } else if let notice = state.notice {
            let scope =
                switch notice.kind {
                case .info: ThemeScope.statusBar
                case .warning: ThemeScope.warning
                case .error: ThemeScope.error
                }
            left.append(Span(" " + notice.text, base.patched(with: theme.style(scope)).patched(with: Style(background: base.background))))
        } else {
            let help = state.keymap.hint(for: "showHelp", in: [.global]) ?? "palette"
            let palette = state.keymap.hint(for: "openPalette", in: [.global]) ?? ""
            left.append(Span(" \(help) help · \(palette) actions · keymap \(state.keymap.name) · theme \(state.baseTheme.name)"))
        }
        let rightWidth = min(right.width, max(0, area.width - 12))
        let leftWidth = max(0, area.width - rightWidth)
        canvas.write(left, at: area.origin, base: base, maxWidth: leftWidth)
        if rightWidth > 0 {
            // The engine's state matters most: when space is short, the demo label goes first.
            var shown = right
            while shown.width > rightWidth && shown.count > 1 { shown.removeFirst() }
            canvas.write(shown, at: Point(x: area.maxX - min(shown.width, rightWidth), y: area.y), base: base, maxWidth: rightWidth)
        }
    }

    static func paneName(_ state: WorkbenchState) -> String {
        if let overlay = state.topOverlay {
            switch overlay {
            case .palette: return "PALETTE"
            case .finder: return "FIND FILE"
            case .search: return "SEARCH"
            case .help: return "HELP"
            case .picker(let picker): return picker.kind.rawValue.uppercased()
            case .prompt(let prompt): return prompt.title.uppercased()
            }
        }
        return PaneRegistry.descriptor(state.focus)?.shortName ?? state.focus.rawValue.uppercased()
    }
}
