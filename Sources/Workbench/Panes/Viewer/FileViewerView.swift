import TerminalKit
import Workspace

/// Draws the main view: the welcome guide, or the file viewer with line numbers, highlighting,
/// the cursor line and search matches.
package enum FileViewerView {
    package static let tabWidth = 4

    package static func title(_ state: WorkbenchState) -> String {
        switch state.mainMode {
        case .welcome: return "Welcome"
        case .review: return ReviewView.title(state)
        case .migration: return MigrationView.title(state)
        case .file:
            guard let path = state.viewer.path else { return "File" }
            return path + (state.viewer.language.map { " · " + $0 } ?? "")
        }
    }

    package static func footer(_ state: WorkbenchState) -> [Span] {
        if state.mainMode == .review { return ReviewView.footer(state) }
        if state.mainMode == .migration { return MigrationView.footer(state) }
        guard state.mainMode == .file, !state.viewer.lines.isEmpty else { return [] }
        var text = "\(state.viewer.cursorLine + 1):\(state.viewer.lines.count)"
        if let search = state.viewer.searchText { text = "/\(search) \(state.viewer.searchMatches.count) · " + text }
        if let note = state.viewer.note { text = note + " · " + text }
        return [Span(text, state.theme.style(ThemeScope.dim))]
    }

    package static func render(_ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas) {
        switch state.mainMode {
        case .welcome:
            self.renderWelcome(state, theme: theme, content: content, canvas: &canvas)
        case .file:
            self.renderFile(state, theme: theme, content: content, focused: focused, canvas: &canvas)
        case .review:
            ReviewView.render(state, theme: theme, content: content, focused: focused, canvas: &canvas)
        case .migration:
            MigrationView.render(state, theme: theme, content: content, focused: focused, canvas: &canvas)
        }
    }

    private static func renderWelcome(_ state: WorkbenchState, theme: Theme, content: Rect, canvas: inout Canvas) {
        var lines: [[Span]] = [
            [Span("seam", theme.style(ThemeScope.titleFocused)), Span(" — " + state.root, theme.style(ThemeScope.dim))],
            [],
        ]
        let hints: [(ActionID, String)] = [
            ("openFinder", "find a file"), ("openSearch", "search file contents"), ("openPalette", "every action, with its key"),
            ("focusNextPane", "next pane"), ("focusChat", "ask the model"), ("zoomPane", "zoom a pane"), ("showHelp", "all keys"),
            ("selectTheme", "switch theme"), ("selectKeymap", "switch keymap"), ("quit", "quit"),
        ]
        for (action, text) in hints {
            let key = state.keymap.hint(for: action, in: [.global]) ?? "palette"
            lines.append([Span(TextWidth.pad(key, to: 14), theme.style(ThemeScope.key)), Span(text)])
        }
        if let info = state.engine.info, info.isBundledDemo {
            lines.append([])
            let width = max(10, content.width - 2)
            for row in TextWidth.wrap("The engine runs the bundled tiny random-weight demo model: its answers are gibberish.", width: width) {
                lines.append([Span(row, theme.style(ThemeScope.warning))])
            }
            let advice = "Point --model at a real DeepSeek-V4 checkpoint, or --engine at an OpenAI-compatible server."
            for row in TextWidth.wrap(advice, width: width) { lines.append([Span(row, theme.style(ThemeScope.dim))]) }
        }
        for (offset, line) in lines.enumerated() where offset < content.height {
            canvas.write(line, at: Point(x: content.x + 1, y: content.y + offset), maxWidth: content.width - 1)
        }
    }

    private static func renderFile(_ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas) {
        let viewer = state.viewer
        if viewer.isLoading {
            canvas.write("loading \(viewer.path ?? "")…", at: content.origin, style: theme.style(ThemeScope.dim), maxWidth: content.width)
            return
        }
        if let error = viewer.error {
            canvas.write(error, at: content.origin, style: theme.style(ThemeScope.error), maxWidth: content.width)
            return
        }
        if viewer.lines.isEmpty {
            canvas.write(viewer.note ?? "(empty file)", at: content.origin, style: theme.style(ThemeScope.dim), maxWidth: content.width)
            return
        }
        let gutter = String(viewer.lines.count).count + 1
        let textX = content.x + gutter + 1
        let textWidth = max(0, content.maxX - textX)
        let matchesByLine = Dictionary(grouping: viewer.searchMatches, by: \.line)
        for offset in 0..<content.height {
            let index = viewer.scroll + offset
            guard index < viewer.lines.count else { break }
            let y = content.y + offset
            let isCursor = index == viewer.cursorLine
            let number = String(index + 1)
            canvas.write(
                String(repeating: " ", count: gutter - number.count) + number, at: Point(x: content.x, y: y),
                style: theme.style(isCursor ? ThemeScope.lineNumberCurrent : ThemeScope.lineNumber))
            var lineStyle = theme.style(ThemeScope.text)
            if isCursor && focused { lineStyle = lineStyle.patched(with: theme.style(ThemeScope.cursorLine)) }
            var cells = self.styledCharacters(
                viewer.lines[index], runs: index < viewer.highlights.count ? viewer.highlights[index] : [], base: lineStyle, theme: theme)
            for match in matchesByLine[index] ?? [] {
                let scope = isCursor ? ThemeScope.searchMatchCurrent : ThemeScope.searchMatch
                for position in match.column..<(match.column + match.length) where position < cells.sourceStyles.count {
                    cells.sourceStyles[position] = cells.sourceStyles[position].patched(with: theme.style(scope))
                }
            }
            if isCursor && focused {
                canvas.fill(Rect(x: textX, y: y, width: textWidth, height: 1), style: lineStyle)
            }
            let display = cells.expanded(tabWidth: self.tabWidth)
            var x = 0
            var column = 0
            for (character, style) in display {
                let width = max(1, CharacterWidth.of(character))
                defer { column += width }
                if column < viewer.horizontalScroll { continue }
                if x + width > textWidth { break }
                canvas.write(String(character), at: Point(x: textX + x, y: y), style: style)
                x += width
            }
        }
    }

    /// A line's characters with their styles (tabs still in place).
    struct StyledCharacters {
        var characters: [Character]
        var sourceStyles: [Style]

        /// Tabs expanded to the next multiple of `tabWidth`.
        func expanded(tabWidth: Int) -> [(Character, Style)] {
            var result: [(Character, Style)] = []
            result.reserveCapacity(self.characters.count)
            var column = 0
            for (character, style) in zip(self.characters, self.sourceStyles) {
                if character == "\t" {
                    let spaces = tabWidth - column % tabWidth
                    for _ in 0..<spaces { result.append((" ", style)) }
                    column += spaces
                } else {
                    result.append((character, style))
                    column += max(1, CharacterWidth.of(character))
                }
            }
            return result
        }
    }

    static func styledCharacters(_ line: String, runs: [HighlightRun], base: Style, theme: Theme) -> StyledCharacters {
        let characters = Array(line)
        var styles = Array(repeating: base, count: characters.count)
        for run in runs {
            let style = base.patched(with: theme.style(run.scope))
            let end = min(characters.count, run.start + run.length)
            guard run.start < end, run.start >= 0 else { continue }
            for index in run.start..<end { styles[index] = style }
        }
        return StyledCharacters(characters: characters, sourceStyles: styles)
    }
}
