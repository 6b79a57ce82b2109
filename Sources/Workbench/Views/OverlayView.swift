import TerminalKit
import Workspace

/// Draws the popups: palette, finder, search, help, pickers and prompts.
package enum OverlayView {
    /// Draws `overlay` and returns where the text cursor goes.
    @discardableResult
    package static func render(_ overlay: Overlay, _ state: WorkbenchState, canvas: inout Canvas) -> Point? {
        let theme = state.theme
        let frame = OverlayGeometry.frame(overlay, in: state.size)
        canvas.fill(frame, style: theme.style(ThemeScope.popup))
        let border = theme.style(ThemeScope.popupBorder)
        let titleStyle = theme.style(ThemeScope.popupTitle)
        switch overlay {
        case .palette(let palette):
            let items = PaletteContent.items(state, query: palette.query.text)
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span("Command palette", titleStyle)],
                                       footer: [Span("\(items.count) actions", theme.style(ThemeScope.dim))])
            let cursor = self.queryLine(palette.query, prompt: "> ", inner: inner, theme: theme, canvas: &canvas)
            self.list(count: items.count, selection: palette.selection, state: state, canvas: &canvas) { index, width in
                let item = items[index]
                let key = item.key ?? ""
                let keyWidth = min(18, TextWidth.of(key))
                var spans = self.highlighted(item.title, positions: item.positions, theme: theme)
                if let reason = item.disabledReason { spans = [Span(item.title + " — " + reason, theme.style(ThemeScope.disabled))] }
                let titleWidth = max(1, width - keyWidth - 14)
                return [Span(TextWidth.pad(item.category, to: 11), theme.style(ThemeScope.dim))]
                    + self.fit(spans, to: titleWidth) + [Span(String(repeating: " ", count: max(1, width - 11 - titleWidth - keyWidth)))]
                    + [Span(TextWidth.truncate(key, to: keyWidth), theme.style(ThemeScope.key))]
            }
            return cursor
        case .finder(let finder):
            let status: String
            if state.fileIndex.isLoading {
                status = "indexing… \(Format.thousands(state.fileIndex.count))"
            } else {
                status = "\(Format.thousands(finder.totalMatches))/\(Format.thousands(state.fileIndex.count))"
            }
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span("Find a file", titleStyle)],
                                       footer: [Span(status, theme.style(ThemeScope.dim))])
            let cursor = self.queryLine(finder.query, prompt: "> ", inner: inner, theme: theme, canvas: &canvas)
            self.list(count: finder.results.count, selection: finder.selection, state: state, canvas: &canvas) { index, width in
                let item = finder.results[index]
                return self.fit(self.highlighted(item.path, positions: item.positions, theme: theme), to: width)
            }
            return cursor
        case .search(let search):
            let mode = search.isRegex ? "regex" : "literal"
            let toggle = state.keymap.hint(for: "toggleRegex", in: [.list]) ?? "palette"
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span("Search contents (\(mode))", titleStyle)],
                                       footer: [Span("\(toggle) regex · enter search/open", theme.style(ThemeScope.dim))])
            let cursor = self.queryLine(search.query, prompt: search.isRegex ? "/ " : "> ", inner: inner, theme: theme, canvas: &canvas)
            self.list(count: search.results.count, selection: search.selection, state: state, canvas: &canvas) { index, width in
                let item = search.results[index]
                let location = "\(item.path):\(item.line): "
                let locationWidth = min(TextWidth.of(location), width / 2)
                let text = item.text.replacingTabs()
                let positions = item.ranges.flatMap { Array($0) }
                return [Span(TextWidth.truncateLeading(location, to: locationWidth), theme.style(ThemeScope.dim))]
                    + self.fit(self.highlighted(text.trimmingLeadingSpaces(), positions: positions.map { $0 - text.leadingSpaceCount }, theme: theme), to: width - locationWidth)
            }
            let summaryRow = inner.splitBottom(1).1
            let summary: (String, String)
            if let error = search.error {
                summary = (error, ThemeScope.error)
            } else if search.isRunning {
                summary = ("searching… \(search.results.count) lines", ThemeScope.dim)
            } else if let text = search.summary {
                summary = (text, ThemeScope.dim)
            } else {
                summary = ("type a pattern and press enter", ThemeScope.dim)
            }
            canvas.write(summary.0, at: summaryRow.origin, style: theme.style(summary.1), maxWidth: summaryRow.width)
            return cursor
        case .help(let help):
            let close = state.keymap.hint(for: "cancel", in: [.help, .global]) ?? "esc"
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span("Help · keys", titleStyle)],
                                       footer: [Span("\(close) closes", theme.style(ThemeScope.dim))])
            let lines = HelpContent.lines(state)
            // The key column fits the longest keys, within reason (long lists run into the title).
            let keyWidth = min(28, max(12, lines.map { line in
                if case .binding(let key, _) = line { TextWidth.of(key) } else { 0 }
            }.max() ?? 0))
            let scroll = min(help.scroll, max(0, lines.count - inner.height))
            for row in 0..<inner.height {
                let index = scroll + row
                guard index < lines.count else { break }
                let y = inner.y + row
                switch lines[index] {
                case .heading(let text):
                    canvas.write(text, at: Point(x: inner.x, y: y), style: theme.style(ThemeScope.memoryHeading), maxWidth: inner.width)
                case .binding(let key, let title):
                    canvas.write([Span("  " + TextWidth.pad(key, to: keyWidth) + "  ", theme.style(ThemeScope.key)), Span(title)],
                                 at: Point(x: inner.x, y: y), maxWidth: inner.width)
                case .blank:
                    break
                }
            }
            return nil
        case .picker(let picker):
            let items = PickerContent.items(picker)
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span(picker.title, titleStyle)])
            let cursor = self.queryLine(picker.query, prompt: "> ", inner: inner, theme: theme, canvas: &canvas)
            self.list(count: items.count, selection: picker.selection, state: state, canvas: &canvas) { index, width in
                let (item, positions) = items[index]
                let detailWidth = min(TextWidth.of(item.detail), width / 2)
                return self.fit(self.highlighted(item.label, positions: positions, theme: theme), to: width - detailWidth - 1)
                    + [Span(" "), Span(TextWidth.truncate(item.detail, to: detailWidth), theme.style(ThemeScope.dim))]
            }
            return cursor
        case .prompt(let prompt):
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span(prompt.title, titleStyle)])
            let cursor = self.queryLine(prompt.field, prompt: "> ", inner: inner, theme: theme, canvas: &canvas)
            let hint: String
            switch prompt.kind {
            case .goToLine: hint = "1–\(state.viewer.lines.count)"
            case .findInFile: hint = "case-insensitive unless the text has capitals"
            case .addNote: hint = "sent with every message of this project"
            }
            canvas.write(prompt.error ?? hint, at: Point(x: inner.x, y: inner.y + 1),
                         style: theme.style(prompt.error == nil ? ThemeScope.dim : ThemeScope.error), maxWidth: inner.width)
            return cursor
        case .confirm(let confirm):
            let choose = state.keymap.hint(for: "accept", in: [.list]) ?? "enter"
            let again = state.keymap.hint(for: confirm.action, in: [.list, .global])
            let cancel = state.keymap.hint(for: "cancel", in: [.list, .global]) ?? "esc"
            let footer = "\(choose) chooses" + (again.map { " · \($0) \(confirm.choices[ConfirmState.proceedIndex].lowercased())" } ?? "")
                + " · \(cancel) cancels"
            let inner = canvas.drawBox(frame, border: .rounded, style: border, title: [Span(confirm.title, titleStyle)],
                                       footer: [Span(footer, theme.style(ThemeScope.dim))])
            for (row, reason) in OverlayGeometry.reasonRows(confirm, frameWidth: frame.width).enumerated() where row < inner.height {
                canvas.write(reason, at: Point(x: inner.x + 1, y: inner.y + row), style: theme.style(ThemeScope.warning), maxWidth: inner.width - 1)
            }
            self.list(count: confirm.choices.count, selection: confirm.selection, state: state, canvas: &canvas) { index, width in
                self.fit([Span(confirm.choices[index])], to: width)
            }
            return nil
        }
    }

    /// Where the text cursor of `overlay`'s field is, without drawing anything (the same
    /// arithmetic as `queryLine`).
    package static func cursor(_ overlay: Overlay, _ state: WorkbenchState) -> Point? {
        let field: TextField
        switch overlay {
        case .palette(let palette): field = palette.query
        case .finder(let finder): field = finder.query
        case .search(let search): field = search.query
        case .picker(let picker): field = picker.query
        case .prompt(let prompt): field = prompt.field
        case .help, .confirm: return nil
        }
        let inner = OverlayGeometry.frame(overlay, in: state.size).inset(by: 1)
        let promptWidth = 2
        let visible = field.visible(width: inner.width - promptWidth)
        return Point(x: inner.x + promptWidth + visible.cursorColumn, y: inner.y)
    }

    private static func queryLine(_ field: TextField, prompt: String, inner: Rect, theme: Theme, canvas: inout Canvas) -> Point {
        let promptWidth = canvas.write(prompt, at: inner.origin, style: theme.style(ThemeScope.key))
        let visible = field.visible(width: inner.width - promptWidth)
        canvas.write(visible.text, at: Point(x: inner.x + promptWidth, y: inner.y), style: theme.style(ThemeScope.text), maxWidth: inner.width - promptWidth)
        return Point(x: inner.x + promptWidth + visible.cursorColumn, y: inner.y)
    }

    private static func list(
        count: Int, selection: Int, state: WorkbenchState, canvas: inout Canvas, row: (Int, Int) -> [Span]
    ) {
        guard let rows = OverlayGeometry.listRows(state) else { return }
        let scroll = OverlayGeometry.listScroll(state)
        if count == 0 {
            canvas.write("  no matches", at: rows.origin, style: state.theme.style(ThemeScope.dim), maxWidth: rows.width)
            return
        }
        for offset in 0..<rows.height {
            let index = scroll + offset
            guard index < count else { break }
            let y = rows.y + offset
            let selected = index == selection
            let spans = row(index, rows.width - 2)
            if selected {
                canvas.fill(Rect(x: rows.x, y: y, width: rows.width, height: 1), style: state.theme.style(ThemeScope.selection))
            }
            canvas.write([Span(selected ? "▸ " : "  ")] + spans, at: Point(x: rows.x, y: y),
                         base: selected ? state.theme.style(ThemeScope.selection) : .plain, maxWidth: rows.width)
        }
    }

    /// `text` with the characters at `positions` in the match style.
    static func highlighted(_ text: String, positions: [Int], theme: Theme) -> [Span] {
        guard !positions.isEmpty else { return [Span(text)] }
        let marked = Set(positions)
        var spans: [Span] = []
        var current = ""
        var currentMarked = false
        for (index, character) in text.enumerated() {
            let isMarked = marked.contains(index)
            if isMarked != currentMarked && !current.isEmpty {
                spans.append(Span(current, currentMarked ? theme.style(ThemeScope.match) : .plain))
                current = ""
            }
            currentMarked = isMarked
            current.append(character)
        }
        if !current.isEmpty { spans.append(Span(current, currentMarked ? theme.style(ThemeScope.match) : .plain)) }
        return spans
    }

    /// Spans cut to `width` columns, padded with spaces.
    static func fit(_ spans: [Span], to width: Int) -> [Span] {
        var result: [Span] = []
        var used = 0
        for span in spans {
            guard used < width else { break }
            let text = TextWidth.truncate(span.text, to: width - used, ellipsis: width - used < span.width ? "…" : "")
            result.append(Span(text, span.style))
            used += TextWidth.of(text)
        }
        if used < width { result.append(Span(String(repeating: " ", count: width - used))) }
        return result
    }
}

extension String {
    func replacingTabs() -> String {
        String(self.map { $0 == "\t" ? " " : $0 })
    }

    var leadingSpaceCount: Int {
        self.prefix { $0 == " " }.count
    }

    func trimmingLeadingSpaces() -> String {
        String(self.drop { $0 == " " })
    }
}
