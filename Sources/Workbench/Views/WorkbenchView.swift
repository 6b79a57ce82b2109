import TerminalKit

/// The workbench's view: pure functions from the state to compositor layers. The base layer
/// draws the panes and the status bar; each popup is a modal layer above it; the `@path`
/// completion list is a layer over the chat.
package enum WorkbenchView {
    /// The layers for `state` at its size.
    package static func compositor(_ state: WorkbenchState) -> Compositor<Msg> {
        let screen = Rect(size: state.size)
        var compositor = Compositor<Msg>()
        let baseCursor = self.baseCursor(state)
        compositor.push(
            Layer(id: "base", frame: screen, cursor: state.overlays.isEmpty ? baseCursor : nil, render: { canvas in
                self.renderBase(state, canvas: &canvas)
            }) { event in
                .inputReceived(event)
            })
        if let mention = state.chat.mention, state.overlays.isEmpty, state.focus == WorkbenchLayout.chat,
            let frame = self.mentionFrame(state, mention)
        {
            compositor.push(
                Layer(id: "mention", frame: frame, render: { canvas in
                    self.renderMention(mention, state: state, frame: frame, canvas: &canvas)
                }))
        }
        for (index, overlay) in state.overlays.enumerated() {
            let frame = OverlayGeometry.frame(overlay, in: state.size)
            let isTop = index == state.overlays.count - 1
            let cursor = isTop ? OverlayView.cursor(overlay, state) : nil
            compositor.push(
                Layer(id: overlay.id, frame: frame, isModal: true, cursor: cursor, render: { canvas in
                    OverlayView.render(overlay, state, canvas: &canvas)
                }) { event in
                    switch event {
                    case .mouse(let mouse) where !frame.contains(mouse.position):
                        if case .press = mouse.kind { return .overlayDismissed }
                        return nil
                    default:
                        return .inputReceived(event)
                    }
                })
        }
        return compositor
    }

    /// Renders the whole screen (for tests and benchmarks).
    package static func render(_ state: WorkbenchState) -> CellBuffer {
        self.compositor(state).render(size: state.size, fill: .blank(state.theme.style(ThemeScope.background)))
    }

    private static func renderBase(_ state: WorkbenchState, canvas: inout Canvas) {
        let theme = state.theme
        canvas.fill(Rect(size: state.size), style: theme.style(ThemeScope.background))
        let frames = WorkbenchLayout.frames(state)
        if WorkbenchLayout.isCompact(state.size) {
            self.renderTabs(state, canvas: &canvas)
        }
        for pane in state.layout.panes {
            guard let frame = frames[pane], let descriptor = PaneRegistry.descriptor(pane) else { continue }
            let focused = pane == state.focus
            let content = PaneChrome.draw(
                frame, title: descriptor.title(state), footer: descriptor.footer(state), focused: focused, theme: theme,
                canvas: &canvas)
            guard !content.isEmpty else { continue }
            canvas.clipped(to: content) { inner in descriptor.render(state, theme, content, focused, &inner) }
        }
        StatusBarView.render(state, theme: theme, area: WorkbenchLayout.statusBarArea(state.size), canvas: &canvas)
    }

    private static func renderTabs(_ state: WorkbenchState, canvas: inout Canvas) {
        let theme = state.theme
        var x = 0
        for pane in state.layout.panes {
            let name = " " + (PaneRegistry.descriptor(pane)?.shortName ?? pane.rawValue) + " "
            let style = theme.style(pane == state.focus ? ThemeScope.statusBarPane : ThemeScope.dim)
            x += canvas.write(name, at: Point(x: x, y: 0), style: style)
            x += canvas.write(" ", at: Point(x: x, y: 0))
        }
    }

    private static func baseCursor(_ state: WorkbenchState) -> Point? {
        guard let frame = WorkbenchLayout.frames(state)[state.focus], let descriptor = PaneRegistry.descriptor(state.focus) else {
            return nil
        }
        let content = WorkbenchLayout.content(of: frame)
        guard let point = descriptor.cursor(state, content), content.contains(point) else { return nil }
        return point
    }

    private static func mentionFrame(_ state: WorkbenchState, _ mention: MentionCompletion) -> Rect? {
        guard let chat = WorkbenchLayout.frames(state)[WorkbenchLayout.chat] else { return nil }
        let content = WorkbenchLayout.content(of: chat)
        let composerHeight = ChatView.composerHeight(state, width: content.width)
        let rows = min(max(1, mention.candidates.count), 8)
        let height = rows + 2
        let bottom = content.maxY - composerHeight
        guard bottom - height >= content.y else { return nil }
        return Rect(x: content.x, y: bottom - height, width: content.width, height: height)
    }

    private static func renderMention(_ mention: MentionCompletion, state: WorkbenchState, frame: Rect, canvas: inout Canvas) {
        let theme = state.theme
        canvas.fill(frame, style: theme.style(ThemeScope.popup))
        let key = state.keymap.hint(for: "completeMention", in: [.composer]) ?? "tab"
        let inner = canvas.drawBox(frame, border: .rounded, style: theme.style(ThemeScope.popupBorder),
                                   title: [Span("@" + mention.query, theme.style(ThemeScope.popupTitle))],
                                   footer: [Span("\(key) completes", theme.style(ThemeScope.dim))])
        if mention.candidates.isEmpty {
            let text = state.fileIndex.isLoading ? "indexing files…" : "no matching file"
            canvas.write(text, at: inner.origin, style: theme.style(ThemeScope.dim), maxWidth: inner.width)
            return
        }
        let scroll = max(0, mention.selection - inner.height + 1)
        for row in 0..<inner.height {
            let index = scroll + row
            guard index < mention.candidates.count else { break }
            let selected = index == mention.selection
            let style = selected ? theme.style(ThemeScope.selection) : theme.style(ThemeScope.text)
            canvas.fill(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), style: selected ? style : theme.style(ThemeScope.popup))
            canvas.write(TextWidth.truncateLeading(mention.candidates[index], to: inner.width), at: Point(x: inner.x, y: inner.y + row), style: style)
        }
    }
}
