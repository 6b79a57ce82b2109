import Changes
import TerminalKit

/// Where the review draws inside the main pane, and the rows of the selected file's diff. Shared
/// by the view (what to draw) and the update (what to scroll to), so both agree on every row.
package enum ReviewLayout {
    /// The regions of the review inside the main pane's content.
    package struct Areas: Hashable, Sendable {
        /// The summary row at the top.
        package var header: Rect
        /// The error row under it (empty when there is no error).
        package var message: Rect
        /// The file list: a column on the left when wide, rows at the top when narrow.
        package var navigator: Rect
        /// True when the navigator is a column beside the diff.
        package var navigatorIsColumn: Bool
        /// The diff (or the apply report).
        package var diff: Rect
    }

    /// A content area at least this wide puts the file list beside the diff.
    package static let navigatorColumnWidth = 100

    /// The areas for `session` in the main pane's `content`.
    package static func areas(_ session: ReviewSession, content: Rect) -> Areas {
        var rest = content
        let (header, afterHeader) = rest.splitTop(1)
        rest = afterHeader
        var message = Rect(x: rest.x, y: rest.y, width: rest.width, height: 0)
        if let error = session.error {
            (message, rest) = rest.splitTop(self.messageLines(error, width: content.width).count)
        }
        if content.width >= self.navigatorColumnWidth {
            let width = max(24, min(40, content.width / 4))
            let (navigator, right) = rest.splitLeft(width)
            let diff = right.inset(left: 1)
            return Areas(header: header, message: message, navigator: navigator, navigatorIsColumn: true, diff: diff)
        }
        let rows = min(session.entryCount, max(1, min(4, rest.height / 4)))
        let (navigator, below) = rest.splitTop(rows)
        let diff = below.inset(top: below.height > 1 ? 1 : 0)
        return Areas(header: header, message: message, navigator: navigator, navigatorIsColumn: false, diff: diff)
    }

    /// The error text wrapped to `width`, at most three rows.
    package static func messageLines(_ error: String, width: Int) -> [String] {
        let lines = TextWidth.wrap("✗ " + error, width: max(1, width))
        guard lines.count > 3 else { return lines }
        return Array(lines.prefix(2)) + [TextWidth.truncate(lines[2...].joined(separator: " "), to: width)]
    }

    /// The areas of the review as the workbench shows it now, nil when the main pane is hidden.
    package static func areas(_ state: WorkbenchState) -> Areas? {
        guard let session = state.review.session, let frame = WorkbenchLayout.frames(state)[WorkbenchLayout.main] else {
            return nil
        }
        return self.areas(session, content: WorkbenchLayout.content(of: frame))
    }

    /// The first navigator entry shown: the selected entry stays near the middle.
    package static func navigatorScroll(_ session: ReviewSession, height: Int) -> Int {
        max(0, min(session.file - height / 2, session.entryCount - height))
    }

    /// The first row of `rowCount` shown in `height` rows (the stored scroll, clamped).
    package static func visibleScroll(_ session: ReviewSession, rowCount: Int, height: Int) -> Int {
        max(0, min(session.scroll, rowCount - height))
    }

    // MARK: - Rows

    /// How a note row is shown.
    package enum Tone: Hashable, Sendable {
        case error, warning, dim
    }

    /// One row of the diff area.
    package enum Row: Hashable, Sendable {
        /// A sentence about the file (refusal, staleness, a hunk that could not be placed).
        case note(String, Tone)
        /// A hunk's `@@` header with its state (an index into the file's hunks).
        case header(hunk: Int)
        /// A file-level operation (rename, mode, deletion, binary) to accept or reject.
        case operation(hunk: Int)
        /// One line of a hunk in the unified layout (an index into the hunk's lines).
        case line(hunk: Int, index: Int)
        /// Side by side: the old side's line and the new side's line, either missing.
        case pair(hunk: Int, old: Int?, new: Int?)
        /// Space between hunks.
        case spacer
    }

    /// The rows of the selected entry of `session` in `layout`.
    package static func rows(_ session: ReviewSession, hunks: [ReviewHunk], layout: ReviewSession.Layout) -> [Row] {
        let changeset = session.changeset
        guard session.isFileSelected else {
            return changeset.diagnostics.map { .note($0.description, $0.severity == .error ? .error : .warning) }
        }
        let file = changeset.files[session.file]
        var rows: [Row] = []
        if let refusal = file.refusal { rows.append(.note("refused: \(refusal)", .error)) }
        if session.staleFiles.contains(session.file) {
            rows.append(
                .note("changed on disk since the proposal: it cannot be applied (review the change again)", .error))
        }
        for report in file.hunks where !report.outcome.isApplied && file.refusal == nil {
            rows.append(
                .note(
                    "edit hunk \(report.number) (\(report.source.format.rawValue), line \(report.sourceLine)) cannot be placed: \(report.outcome)",
                    .error))
        }
        for report in file.hunks where report.outcome.isApplied {
            if case .appliedFuzzy = report.outcome {
                rows.append(.note("edit hunk \(report.number): \(report.outcome)", .warning))
            }
        }
        if hunks.isEmpty && file.refusal == nil {
            rows.append(.note("no content changes", .dim))
        }
        for (index, hunk) in hunks.enumerated() {
            if !rows.isEmpty { rows.append(.spacer) }
            if hunk.operation != nil {
                rows.append(.operation(hunk: index))
                // A deletion lists the lines it removes.
                for line in hunk.lines.indices { rows.append(.line(hunk: index, index: line)) }
                continue
            }
            rows.append(.header(hunk: index))
            switch layout {
            case .unified:
                for line in hunk.lines.indices { rows.append(.line(hunk: index, index: line)) }
            case .sideBySide:
                rows += self.pairs(hunk, index: index)
            }
        }
        return rows
    }

    /// Side-by-side rows: context on both sides; each run of removed lines beside the added
    /// lines that follow it.
    private static func pairs(_ hunk: ReviewHunk, index: Int) -> [Row] {
        var rows: [Row] = []
        var position = 0
        let lines = hunk.lines
        while position < lines.count {
            if lines[position].kind == .context {
                rows.append(.pair(hunk: index, old: position, new: position))
                position += 1
                continue
            }
            var removed: [Int] = []
            var added: [Int] = []
            while position < lines.count, lines[position].kind == .deletion {
                removed.append(position)
                position += 1
            }
            while position < lines.count, lines[position].kind == .addition {
                added.append(position)
                position += 1
            }
            for row in 0..<max(removed.count, added.count) {
                rows.append(
                    .pair(
                        hunk: index, old: row < removed.count ? removed[row] : nil,
                        new: row < added.count ? added[row] : nil))
            }
        }
        return rows
    }

    /// The rows (a range of indices into `rows`) showing the selection: the selected hunk, or in
    /// line mode the selected line.
    package static func selectedRows(_ session: ReviewSession, rows: [Row], hunk: Int) -> Range<Int>? {
        var first: Int?
        var last = 0
        for (position, row) in rows.enumerated() {
            let matches: Bool
            switch row {
            case .header(let index), .operation(let index):
                matches = index == hunk && !session.isLineMode
            case .line(let index, let line):
                matches = index == hunk && (!session.isLineMode || line == session.line)
            case .pair(let index, let old, let new):
                matches = index == hunk && (!session.isLineMode || old == session.line || new == session.line)
            case .note, .spacer:
                matches = false
            }
            if matches {
                if first == nil { first = position }
                last = position
            }
        }
        return first.map { $0..<(last + 1) }
    }
}
