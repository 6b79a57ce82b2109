import Changes
import TerminalKit

/// Draws a review in the main view: a summary row, the file navigator (a column when wide, rows
/// at the top when narrow), and the selected file's hunks, unified or side by side, with word
/// highlights, each changed line's decision, and the selection. After the apply it shows the
/// per-hunk report instead of the diff.
package enum ReviewView {
    /// Columns a tab advances to.
    package static let tabWidth = 4

    /// The main pane's title.
    package static func title(_ state: WorkbenchState) -> String {
        guard let session = state.review.session else { return "Review" }
        return "Review · " + session.changeset.title
    }

    /// Key hints in the main pane's bottom edge.
    package static func footer(_ state: WorkbenchState) -> [Span] {
        guard let session = state.review.session else { return [] }
        let actions: [(ActionID, String)]
        switch session.phase {
        case .applied:
            actions = [("undoCheckpoint", "undo"), ("redoCheckpoint", "redo"), ("reviewClose", "close")]
        case .applying:
            actions = []
        case .reviewing:
            actions = [
                ("reviewAccept", "accept"), ("reviewReject", "reject"),
                ("reviewToggleLineMode", session.isLineMode ? "hunks" : "lines"),
                ("reviewSplitHunk", "split"), ("reviewEditHunk", "edit"), ("reviewToggleLayout", "layout"),
                ("reviewApply", "apply"),
            ]
        }
        return KeyHints.spans(actions, in: [.review, .global], state)
    }

    /// Draws the review into the main pane's `content`.
    package static func render(
        _ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas
    ) {
        guard let session = state.review.session else {
            canvas.write(
                "no review is open", at: content.origin, style: theme.style(ThemeScope.dim), maxWidth: content.width)
            return
        }
        let areas = ReviewLayout.areas(session, content: content)
        let hunks = session.hunks
        self.renderHeader(
            session, hunks: hunks, theme: theme, area: areas.header, width: areas.diff.width, canvas: &canvas)
        if let error = session.error {
            for (row, line) in ReviewLayout.messageLines(error, width: areas.message.width).enumerated()
            where row < areas.message.height {
                canvas.write(
                    line, at: Point(x: areas.message.x, y: areas.message.y + row), style: theme.style(ThemeScope.error),
                    maxWidth: areas.message.width)
            }
        }
        self.renderNavigator(session, areas: areas, theme: theme, focused: focused, canvas: &canvas)
        switch session.phase {
        case .applied(let report):
            self.renderReport(report, session: session, theme: theme, area: areas.diff, canvas: &canvas)
        case .applying:
            canvas.write(
                "applying…", at: areas.diff.origin, style: theme.style(ThemeScope.dim), maxWidth: areas.diff.width)
        case .reviewing:
            self.renderDiff(session, hunks: hunks, theme: theme, area: areas.diff, focused: focused, canvas: &canvas)
        }
    }

    // MARK: - Header

    private static func renderHeader(
        _ session: ReviewSession, hunks: [ReviewHunk], theme: Theme, area: Rect, width: Int, canvas: inout Canvas
    ) {
        guard !area.isEmpty else { return }
        let dim = theme.style(ThemeScope.dim)
        var left: [Span] = []
        if session.isFileSelected {
            left.append(Span("file \(session.file + 1)/\(session.changeset.files.count)", theme.style(ThemeScope.text)))
            if let index = session.hunkIndex(in: hunks) {
                left.append(Span(" · hunk \(index + 1)/\(hunks.count)", theme.style(ThemeScope.text)))
            }
        } else if session.hasProblemsPage {
            left.append(Span("problems reading the edits", theme.style(ThemeScope.warning)))
        } else {
            left.append(Span("no files", dim))
        }
        left.append(Span(" · " + (session.isLineMode ? "line selection" : "hunk selection"), dim))
        left.append(Span(" · " + (session.layout(width: width) == .unified ? "unified" : "side by side"), dim))
        left.append(Span(" · context \(session.review.context)", dim))
        if session.editing != nil { left.append(Span(" · editing in $EDITOR…", theme.style(ThemeScope.warning))) }
        if session.isConfirmingApply { left.append(Span(" · apply again to confirm", theme.style(ThemeScope.warning))) }
        var right: [Span] = []
        switch session.phase {
        case .applied(let report):
            right.append(Span("applied · checkpoint \(report.checkpoint)", theme.style(ThemeScope.success)))
        case .applying:
            right.append(Span("applying…", theme.style(ThemeScope.warning)))
        case .reviewing:
            var counts: [ReviewState: Int] = [:]
            for index in 0..<session.review.fileCount { counts[session.review.state(ofFile: index), default: 0] += 1 }
            let order: [(ReviewState, String, String)] = [
                (.accepted, "accepted", ThemeScope.reviewAccepted), (.partial, "partial", ThemeScope.reviewPartial),
                (.rejected, "rejected", ThemeScope.reviewRejected), (.pending, "pending", ThemeScope.reviewPending),
            ]
            for (state, label, scope) in order where (counts[state] ?? 0) > 0 {
                if !right.isEmpty { right.append(Span(" · ", dim)) }
                right.append(Span("\(counts[state] ?? 0) \(label)", theme.style(scope)))
            }
        }
        let rightWidth = min(right.width, max(0, area.width - left.width - 2))
        canvas.write(left, at: area.origin, maxWidth: area.width - rightWidth - (rightWidth > 0 ? 1 : 0))
        if rightWidth > 0 && rightWidth == right.width {
            canvas.write(right, at: Point(x: area.maxX - rightWidth, y: area.y), maxWidth: rightWidth)
        }
    }

    // MARK: - Navigator

    private static func renderNavigator(
        _ session: ReviewSession, areas: ReviewLayout.Areas, theme: Theme, focused: Bool, canvas: inout Canvas
    ) {
        let area = areas.navigator
        guard !area.isEmpty else { return }
        if areas.navigatorIsColumn {
            let divider = theme.style(ThemeScope.border)
            for y in area.y..<area.maxY { canvas.write("│", at: Point(x: area.maxX, y: y), style: divider) }
        } else if areas.diff.y > area.maxY {
            canvas.write(
                String(repeating: "─", count: area.width), at: Point(x: area.x, y: area.maxY),
                style: theme.style(ThemeScope.border))
        }
        let count = session.entryCount
        let scroll = ReviewLayout.navigatorScroll(session, height: area.height)
        for row in 0..<area.height {
            let index = scroll + row
            guard index < count else { break }
            let y = area.y + row
            let selected = index == session.file
            let base =
                selected ? theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused) : Style.plain
            if selected { canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: base) }
            canvas.write(
                self.navigatorEntry(session, index, theme: theme, width: area.width), at: Point(x: area.x, y: y),
                base: base, maxWidth: area.width)
        }
    }

    private static func navigatorEntry(_ session: ReviewSession, _ index: Int, theme: Theme, width: Int) -> [Span] {
        let changeset = session.changeset
        guard changeset.files.indices.contains(index) else {
            let count = changeset.diagnostics.count
            return [
                Span("⚠ \(count) problem\(count == 1 ? "" : "s") reading the edits", theme.style(ThemeScope.warning))
            ]
        }
        let file = changeset.files[index]
        let (glyph, scope) = self.fileMark(session, index)
        var tags: [String] = []
        if file.refusal != nil { tags.append("refused") }
        if session.staleFiles.contains(index) { tags.append("stale") }
        if file.binary != nil || file.base.isBinary || file.refusal?.hasPrefix("binary") == true {
            tags.append("binary")
        }
        switch file.kind {
        case .create: tags.append(file.copiedFrom == nil ? "new" : "copy")
        case .delete: tags.append("deleted")
        case .modify: if file.originalPath != nil { tags.append("renamed") }
        }
        let added = file.blocks.reduce(0) { $0 + $1.newLines.count }
        let removed = file.blocks.reduce(0) { $0 + $1.oldRange.count }
        var trailing: [Span] = []
        if added > 0 { trailing.append(Span(" +\(added)", theme.style(ThemeScope.diffAdded))) }
        if removed > 0 { trailing.append(Span(" -\(removed)", theme.style(ThemeScope.diffRemoved))) }
        if !tags.isEmpty {
            let problem = file.refusal != nil || session.staleFiles.contains(index)
            trailing.append(
                Span(" " + tags.joined(separator: ","), theme.style(problem ? ThemeScope.error : ThemeScope.dim)))
        }
        let pathWidth = max(4, width - 2 - trailing.width)
        let path = TextWidth.pad(TextWidth.truncateLeading(file.path, to: pathWidth), to: pathWidth)
        return [Span(glyph + " ", theme.style(scope)), Span(path)] + trailing
    }

    /// The navigator's mark and its scope for file `index`.
    static func fileMark(_ session: ReviewSession, _ index: Int) -> (String, String) {
        if session.changeset.files[index].refusal != nil || session.staleFiles.contains(index) {
            return ("!", ThemeScope.error)
        }
        return self.stateMark(session.review.state(ofFile: index))
    }

    /// The mark and scope of a combined state.
    static func stateMark(_ state: ReviewState) -> (String, String) {
        switch state {
        case .accepted: ("✓", ThemeScope.reviewAccepted)
        case .rejected: ("✗", ThemeScope.reviewRejected)
        case .partial: ("◐", ThemeScope.reviewPartial)
        case .pending: ("○", ThemeScope.reviewPending)
        }
    }

    // MARK: - Diff

    private static func renderDiff(
        _ session: ReviewSession, hunks: [ReviewHunk], theme: Theme, area: Rect, focused: Bool, canvas: inout Canvas
    ) {
        guard !area.isEmpty else { return }
        let layout = session.layout(width: area.width)
        let rows = ReviewLayout.rows(session, hunks: hunks, layout: layout)
        let selectedHunk = session.hunkIndex(in: hunks)
        let scroll = ReviewLayout.visibleScroll(session, rowCount: rows.count, height: area.height)
        let numberWidth = self.numberWidth(session)
        let edited = session.editedBlocks[session.file] ?? []
        for offset in 0..<area.height {
            let position = scroll + offset
            guard position < rows.count else { break }
            let rowArea = Rect(x: area.x, y: area.y + offset, width: area.width, height: 1)
            switch rows[position] {
            case .spacer:
                break
            case .note(let text, let tone):
                let scope = tone == .error ? ThemeScope.error : tone == .warning ? ThemeScope.warning : ThemeScope.dim
                canvas.write(text, at: rowArea.origin, style: theme.style(scope), maxWidth: rowArea.width)
            case .header(let index), .operation(let index):
                let hunk = hunks[index]
                let isSelected = index == selectedHunk
                self.renderHunkHeader(
                    hunk, selected: isSelected, lineMode: session.isLineMode,
                    edited: !edited.isDisjoint(with: hunk.blockIDs),
                    theme: theme, focused: focused, area: rowArea, canvas: &canvas)
            case .line(let index, let line):
                let hunk = hunks[index]
                let isSelected = index == selectedHunk && (!session.isLineMode || line == session.line)
                self.renderUnified(
                    hunk.lines[line], selected: isSelected, cursorLine: session.isLineMode && isSelected && focused,
                    numberWidth: numberWidth, theme: theme, area: rowArea, canvas: &canvas)
            case .pair(let index, let old, let new):
                let hunk = hunks[index]
                let inHunk = index == selectedHunk
                let half = (rowArea.width - 1) / 2
                let left = Rect(x: rowArea.x, y: rowArea.y, width: half, height: 1)
                let right = Rect(x: rowArea.x + half + 1, y: rowArea.y, width: rowArea.width - half - 1, height: 1)
                canvas.write("│", at: Point(x: left.maxX, y: rowArea.y), style: theme.style(ThemeScope.border))
                for (isOld, side, lineIndex) in [(true, left, old), (false, right, new)] {
                    guard let lineIndex else { continue }
                    let isSelected = inHunk && (!session.isLineMode || lineIndex == session.line)
                    let line = hunk.lines[lineIndex]
                    // The hunk's mark goes on the left only (the right too for a line that has no
                    // left side); a selected line is marked where it is.
                    let marked = isSelected && (session.isLineMode || isOld || old == nil)
                    self.renderHalf(
                        line, isOld: isOld, selected: marked, cursorLine: session.isLineMode && isSelected && focused,
                        numberWidth: numberWidth, theme: theme, area: side, canvas: &canvas)
                }
            }
        }
    }

    private static func renderHunkHeader(
        _ hunk: ReviewHunk, selected: Bool, lineMode: Bool, edited: Bool, theme: Theme, focused: Bool, area: Rect,
        canvas: inout Canvas
    ) {
        let highlighted = selected && !lineMode
        let base =
            highlighted ? theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused) : Style.plain
        if highlighted { canvas.fill(area, style: base) }
        let (mark, scope) = self.stateMark(hunk.state)
        var spans: [Span] = [Span(selected ? "▌" : " ", theme.style(ThemeScope.reviewCursor))]
        if let operation = hunk.operation {
            spans.append(Span("● " + operation, theme.style(ThemeScope.diffHunkHeader)))
        } else {
            spans.append(Span(hunk.header, theme.style(ThemeScope.diffHunkHeader)))
            let numbers = hunk.editHunks.map(String.init).joined(separator: ",")
            spans.append(Span(" hunk \(numbers)", theme.style(ThemeScope.dim)))
        }
        spans.append(Span("  " + mark + " " + hunk.state.rawValue, theme.style(scope)))
        if edited { spans.append(Span(" · edited", theme.style(ThemeScope.warning))) }
        canvas.write(spans, at: area.origin, base: base, maxWidth: area.width)
    }

    private static func renderUnified(
        _ line: ReviewLine, selected: Bool, cursorLine: Bool, numberWidth: Int, theme: Theme, area: Rect,
        canvas: inout Canvas
    ) {
        if cursorLine { canvas.fill(area, style: theme.style(ThemeScope.cursorLine)) }
        let old = line.oldLine.map { String($0 + 1) } ?? ""
        let new = line.newLine.map { String($0 + 1) } ?? ""
        var spans: [Span] = [Span(selected ? "▌" : " ", theme.style(ThemeScope.reviewCursor))]
        spans.append(
            Span(
                self.rightAligned(old, numberWidth) + " " + self.rightAligned(new, numberWidth) + " ",
                theme.style(ThemeScope.lineNumber)))
        spans += self.marks(line, theme: theme)
        let used = spans.width
        spans += self.text(line, theme: theme, width: area.width - used)
        canvas.write(spans, at: area.origin, maxWidth: area.width)
    }

    private static func renderHalf(
        _ line: ReviewLine, isOld: Bool, selected: Bool, cursorLine: Bool, numberWidth: Int, theme: Theme, area: Rect,
        canvas: inout Canvas
    ) {
        if cursorLine { canvas.fill(area, style: theme.style(ThemeScope.cursorLine)) }
        let number = (isOld ? line.oldLine : line.newLine).map { String($0 + 1) } ?? ""
        var spans: [Span] = [Span(selected ? "▌" : " ", theme.style(ThemeScope.reviewCursor))]
        spans.append(Span(self.rightAligned(number, numberWidth) + " ", theme.style(ThemeScope.lineNumber)))
        spans += self.marks(line, theme: theme)
        let used = spans.width
        spans += self.text(line, theme: theme, width: area.width - used)
        canvas.write(spans, at: area.origin, maxWidth: area.width)
    }

    /// The decision mark and the `+`/`-`/` ` sign of a line.
    private static func marks(_ line: ReviewLine, theme: Theme) -> [Span] {
        let sign: String
        let scope: String
        switch line.kind {
        case .context: (sign, scope) = (" ", ThemeScope.diffContext)
        case .deletion: (sign, scope) = ("-", ThemeScope.diffRemoved)
        case .addition: (sign, scope) = ("+", ThemeScope.diffAdded)
        }
        guard let decision = line.decision else { return [Span("  "), Span(sign, theme.style(scope))] }
        let (mark, markScope): (String, String) =
            switch decision {
            case .accepted: ("✓", ThemeScope.reviewAccepted)
            case .rejected: ("✗", ThemeScope.reviewRejected)
            case .pending: ("·", ThemeScope.reviewPending)
            }
        return [Span(mark, theme.style(markScope)), Span(" "), Span(sign, theme.style(scope))]
    }

    /// The line's text in its diff colour with word highlights, tabs expanded, cut to `width`.
    static func text(_ line: ReviewLine, theme: Theme, width: Int) -> [Span] {
        guard width > 0 else { return [] }
        var lineStyle: Style
        var wordStyle: Style
        switch line.kind {
        case .context:
            lineStyle = theme.style(ThemeScope.diffContext)
            wordStyle = lineStyle
        case .deletion:
            lineStyle = theme.style(ThemeScope.diffRemoved)
            wordStyle = lineStyle.patched(with: theme.style(ThemeScope.diffRemovedWord))
        case .addition:
            lineStyle = theme.style(ThemeScope.diffAdded)
            wordStyle = lineStyle.patched(with: theme.style(ThemeScope.diffAddedWord))
        }
        if line.decision == .rejected {
            lineStyle = lineStyle.patched(with: theme.style(ThemeScope.diffRejected))
            wordStyle = wordStyle.patched(with: theme.style(ThemeScope.diffRejected))
        }
        var spans: [Span] = []
        var column = 0
        for (segment, isWord) in self.segments(line.text, highlights: line.highlights) {
            var text = ""
            for character in segment {
                if character == "\t" {
                    let spaces = self.tabWidth - column % self.tabWidth
                    text += String(repeating: " ", count: spaces)
                    column += spaces
                } else {
                    text.append(character)
                    column += max(1, CharacterWidth.of(character))
                }
            }
            spans.append(Span(text, isWord ? wordStyle : lineStyle))
            if column >= width { break }
        }
        return spans
    }

    /// The line's bytes cut at the highlight ranges, each piece decoded on its own (so byte
    /// offsets never drift on invalid UTF-8), with whether it is a changed word.
    static func segments(_ bytes: [UInt8], highlights: [Range<Int>]) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        var position = 0
        for range in highlights.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(position, min(range.lowerBound, bytes.count))
            let upper = max(lower, min(range.upperBound, bytes.count))
            if lower > position { result.append((String(decoding: bytes[position..<lower], as: UTF8.self), false)) }
            if upper > lower { result.append((String(decoding: bytes[lower..<upper], as: UTF8.self), true)) }
            position = upper
        }
        if position < bytes.count { result.append((String(decoding: bytes[position...], as: UTF8.self), false)) }
        return result
    }

    private static func numberWidth(_ session: ReviewSession) -> Int {
        guard session.isFileSelected else { return 3 }
        let file = session.changeset.files[session.file]
        let added = file.blocks.reduce(0) { $0 + $1.newLines.count }
        return max(3, String(file.document.lines.count + added + 1).count)
    }

    private static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    // MARK: - Report

    /// The lines of the apply report as shown (a heading, then the outcomes).
    package static func reportLines(_ report: ReviewApplyReport, session: ReviewSession) -> [ReviewApplyReport.Line] {
        let files = "\(report.fileCount) file\(report.fileCount == 1 ? "" : "s")"
        return [ReviewApplyReport.Line(.file, "Applied as checkpoint \(report.checkpoint): \(files) written.")]
            + report.lines
    }

    private static func renderReport(
        _ report: ReviewApplyReport, session: ReviewSession, theme: Theme, area: Rect, canvas: inout Canvas
    ) {
        let lines = self.reportLines(report, session: session)
        let scroll = ReviewLayout.visibleScroll(session, rowCount: lines.count, height: area.height)
        for offset in 0..<area.height {
            let index = scroll + offset
            guard index < lines.count else { break }
            let line = lines[index]
            let scope: String =
                switch line.kind {
                case .file: ThemeScope.titleFocused
                case .applied: ThemeScope.success
                case .partial: ThemeScope.warning
                case .skipped: ThemeScope.dim
                case .failed: ThemeScope.error
                }
            canvas.write(
                line.text, at: Point(x: area.x, y: area.y + offset), style: theme.style(scope), maxWidth: area.width)
        }
    }
}
