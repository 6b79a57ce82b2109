import Changes
import TerminalKit

extension ReviewUpdate {
    // MARK: - Files

    /// Selects navigator entry `index` (clamped) and its first hunk.
    static func selectFile(_ index: Int, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.entryCount > 0 else { return [] }
        session.file = max(0, min(index, session.entryCount - 1))
        session.hunk = nil
        session.scroll = 0
        session.line = Self.selectableLines(session.hunks.first).first ?? 0
        state.review.session = session
        self.keepSelectionVisible(&state)
        return []
    }

    /// The next (`step` 1) or previous (-1) file.
    static func moveFile(_ step: Int, _ state: inout WorkbenchState) -> [Command] {
        guard let session = state.review.session else { return [] }
        let target = session.file + step
        guard target >= 0 && target < session.entryCount else {
            return WorkbenchUpdate.notify(.info, step > 0 ? "this is the last file" : "this is the first file", &state)
        }
        return self.selectFile(target, &state)
    }

    // MARK: - Hunks and lines

    /// The next or previous hunk (crossing into the next or previous file at the ends); in line
    /// mode the next or previous changed line, crossing into neighbouring hunks.
    static func move(_ step: Int, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session else { return [] }
        let hunks = session.hunks
        if session.isLineMode, let index = session.hunkIndex(in: hunks) {
            let selectable = Self.selectableLines(hunks[index])
            let next = step > 0 ? selectable.first { $0 > session.line } : selectable.last { $0 < session.line }
            if let next {
                session.line = next
                state.review.session = session
                self.keepSelectionVisible(&state)
                return []
            }
        }
        if let index = session.hunkIndex(in: hunks), hunks.indices.contains(index + step) {
            self.select(hunks[index + step], entering: step, in: &session)
            state.review.session = session
            self.keepSelectionVisible(&state)
            return []
        }
        // Across files: the first hunk of the next file with hunks, or the last of the previous.
        var file = session.file + step
        while file >= 0 && file < session.changeset.files.count {
            let candidates = session.review.hunks(inFile: file)
            if let hunk = step > 0 ? candidates.first : candidates.last {
                session.file = file
                session.scroll = 0
                self.select(hunk, entering: step, in: &session)
                state.review.session = session
                self.keepSelectionVisible(&state)
                return []
            }
            file += step
        }
        return WorkbenchUpdate.notify(
            .info, step > 0 ? "no more hunks after this one" : "no hunks before this one", &state)
    }

    /// Selects `hunk`; in line mode its first changed line (last when moving backwards).
    static func select(_ hunk: ReviewHunk, entering step: Int, in session: inout ReviewSession) {
        session.hunk = hunk.id
        let selectable = Self.selectableLines(hunk)
        session.line = (step >= 0 ? selectable.first : selectable.last) ?? 0
    }

    /// The indices of the lines of `hunk` that can be decided one by one.
    static func selectableLines(_ hunk: ReviewHunk?) -> [Int] {
        guard let hunk, hunk.operation == nil else { return [] }
        return hunk.lines.indices.filter { hunk.lines[$0].reference != nil }
    }

    /// The selected hunk of the selected file, if any.
    static func selectedHunk(_ session: ReviewSession) -> ReviewHunk? {
        let hunks = session.hunks
        return session.hunkIndex(in: hunks).map { hunks[$0] }
    }

    // MARK: - Scrolling

    /// Scrolls the diff by `rows` (negative: up) without moving the selection.
    static func scroll(_ rows: Int, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let areas = ReviewLayout.areas(state) else { return [] }
        let total = self.rowCount(session, width: areas.diff.width)
        session.scroll = max(0, min(session.scroll.addingClamped(rows), max(0, total - areas.diff.height)))
        state.review.session = session
        return []
    }

    /// A page of the diff area.
    static func page(_ state: WorkbenchState) -> Int {
        max(1, (ReviewLayout.areas(state)?.diff.height ?? 2) - 1)
    }

    /// Scrolls so that the selected hunk (or line) is on screen: its top when it is taller than
    /// the area.
    package static func keepSelectionVisible(_ state: inout WorkbenchState) {
        guard var session = state.review.session, let areas = ReviewLayout.areas(state) else { return }
        let height = areas.diff.height
        guard height > 0 else { return }
        if case .applied = session.phase { return }
        let hunks = session.hunks
        let rows = ReviewLayout.rows(session, hunks: hunks, layout: session.layout(width: areas.diff.width))
        guard let index = session.hunkIndex(in: hunks),
            let selected = ReviewLayout.selectedRows(session, rows: rows, hunk: index)
        else {
            session.scroll = min(session.scroll, max(0, rows.count - height))
            state.review.session = session
            return
        }
        // Keep a row above the hunk (the spacer or a note) when there is room.
        let top = max(0, selected.lowerBound - 1)
        if selected.lowerBound < session.scroll {
            session.scroll = top
        } else if selected.upperBound > session.scroll + height {
            session.scroll = selected.count >= height ? selected.lowerBound : selected.upperBound - height
        }
        session.scroll = max(0, min(session.scroll, max(0, rows.count - height)))
        state.review.session = session
    }

    private static func rowCount(_ session: ReviewSession, width: Int) -> Int {
        if case .applied(let report) = session.phase { return ReviewView.reportLines(report, session: session).count }
        return ReviewLayout.rows(session, hunks: session.hunks, layout: session.layout(width: width)).count
    }
}

extension ReviewUpdate {
    // MARK: - Mouse

    /// A click in the review: on the file list selects the file; on the diff selects the hunk
    /// (and in line mode the changed line) under the pointer.
    static func click(at point: Point, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let areas = ReviewLayout.areas(state) else { return [] }
        if areas.navigator.contains(point) {
            let index =
                ReviewLayout.navigatorScroll(session, height: areas.navigator.height) + point.y - areas.navigator.y
            return index < session.entryCount ? self.selectFile(index, &state) : []
        }
        guard areas.diff.contains(point), session.isEditable else { return [] }
        let hunks = session.hunks
        let layout = session.layout(width: areas.diff.width)
        let rows = ReviewLayout.rows(session, hunks: hunks, layout: layout)
        let position =
            ReviewLayout.visibleScroll(session, rowCount: rows.count, height: areas.diff.height) + point.y
            - areas.diff.y
        guard rows.indices.contains(position) else { return [] }
        let hunk: Int
        var line: Int?
        switch rows[position] {
        case .header(let index), .operation(let index):
            hunk = index
        case .line(let index, let lineIndex):
            (hunk, line) = (index, lineIndex)
        case .pair(let index, let old, let new):
            let rightHalf = point.x > areas.diff.x + (areas.diff.width - 1) / 2
            (hunk, line) = (index, rightHalf ? (new ?? old) : (old ?? new))
        case .note, .spacer:
            return []
        }
        session.hunk = hunks[hunk].id
        let selectable = Self.selectableLines(hunks[hunk])
        if let line, selectable.contains(line) {
            session.line = line
        } else {
            session.line = selectable.first ?? 0
        }
        state.review.session = session
        self.keepSelectionVisible(&state)
        return []
    }
}
