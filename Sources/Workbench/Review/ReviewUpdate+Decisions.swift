import Changes
import TerminalKit

extension ReviewUpdate {
    /// Accepts or rejects the selected hunk (then moves to the next one) or, in line mode, the
    /// selected line (then moves to the next changed line of the hunk).
    static func decide(_ decision: Decision, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let hunk = self.selectedHunk(session) else {
            return self.nothingSelected(&state)
        }
        do {
            if session.isLineMode, hunk.operation == nil, let reference = self.selectedReference(session, hunk) {
                try session.review.decide(reference, decision)
                let next = Self.selectableLines(hunk).first { $0 > session.line }
                if let next { session.line = next }
                state.review.session = session
                self.keepSelectionVisible(&state)
                return []
            }
            try session.review.decide(hunk.id, decision)
        } catch {
            return WorkbenchUpdate.notify(.error, error.description, &state)
        }
        state.review.session = session
        // Like `git add -p`: deciding a hunk moves on to the next one.
        let hunks = session.hunks
        if let index = session.hunkIndex(in: hunks), index + 1 < hunks.count {
            return self.move(1, &state)
        }
        if session.file + 1 < session.changeset.files.count {
            var next = session.file + 1
            while next < session.changeset.files.count && session.review.hunks(inFile: next).isEmpty { next += 1 }
            if next < session.changeset.files.count { return self.move(1, &state) }
        }
        return []
    }

    /// Flips the selected line (line mode) or hunk between accepted and rejected.
    static func toggle(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let hunk = self.selectedHunk(session) else {
            return self.nothingSelected(&state)
        }
        do {
            if session.isLineMode, hunk.operation == nil, let reference = self.selectedReference(session, hunk) {
                try session.review.toggle(reference)
            } else {
                try session.review.decide(hunk.id, hunk.state == .accepted ? .rejected : .accepted)
            }
        } catch {
            return WorkbenchUpdate.notify(.error, error.description, &state)
        }
        state.review.session = session
        return []
    }

    /// Switches between deciding whole hunks and single lines.
    static func toggleLineMode(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session else { return [] }
        if session.isLineMode {
            session.isLineMode = false
            state.review.session = session
            self.keepSelectionVisible(&state)
            return WorkbenchUpdate.notify(.info, "hunk selection", &state)
        }
        guard let hunk = self.selectedHunk(session) else { return self.nothingSelected(&state) }
        guard let first = Self.selectableLines(hunk).first else {
            return WorkbenchUpdate.notify(.info, "this change is accepted or rejected as a whole", &state)
        }
        session.isLineMode = true
        session.hunk = hunk.id
        if !Self.selectableLines(hunk).contains(session.line) { session.line = first }
        state.review.session = session
        self.keepSelectionVisible(&state)
        let accept = state.keymap.hint(for: "reviewAccept", in: [.review]) ?? "accept"
        let reject = state.keymap.hint(for: "reviewReject", in: [.review]) ?? "reject"
        return WorkbenchUpdate.notify(.info, "line selection: \(accept) takes a line, \(reject) leaves it", &state)
    }

    /// Splits the selected hunk into one hunk per change.
    static func split(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let hunk = self.selectedHunk(session) else {
            return self.nothingSelected(&state)
        }
        guard hunk.operation == nil else {
            return WorkbenchUpdate.notify(.info, "a file operation cannot be split", &state)
        }
        do {
            let parts = try session.review.split(hunk.id)
            session.hunk = parts.first
            session.isLineMode = false
            state.review.session = session
            self.keepSelectionVisible(&state)
            return WorkbenchUpdate.notify(.info, "split into \(parts.count) hunks", &state)
        } catch {
            return WorkbenchUpdate.notify(.warning, error.message, &state)
        }
    }

    /// Opens the selected hunk in the editor.
    static func edit(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, let hunk = self.selectedHunk(session) else {
            return self.nothingSelected(&state)
        }
        guard session.editing == nil else { return [] }
        do {
            let text = try session.review.editableText(hunk.id)
            session.editing = hunk.id
            state.review.session = session
            return [.review(.editHunk(hunk.id, path: session.changeset.files[hunk.id.file].path, text: text))]
        } catch {
            return WorkbenchUpdate.notify(.warning, error.message, &state)
        }
    }

    /// Accepts or rejects everything of the selected file not decided yet.
    static func decideRestOfFile(_ decision: Decision, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.isFileSelected else { return self.nothingSelected(&state) }
        let file = session.changeset.files[session.file]
        guard file.refusal == nil else {
            return WorkbenchUpdate.notify(.warning, "\(file.path) is refused and cannot be changed", &state)
        }
        session.review.decideFile(session.file, decision, onlyPending: true)
        state.review.session = session
        let verb = decision == .accepted ? "accepted" : "rejected"
        return WorkbenchUpdate.notify(.info, "\(verb) the rest of \(file.path)", &state)
    }

    /// Shows more (positive) or fewer lines of context around changes.
    static func changeContext(_ delta: Int, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session else { return [] }
        let context = max(0, session.review.context + delta)
        session.review.setContext(context)
        state.review.session = session
        self.keepSelectionVisible(&state)
        return WorkbenchUpdate.notify(
            .info, "context: \(session.review.context) line\(session.review.context == 1 ? "" : "s")", &state)
    }

    /// Switches between the unified and the side-by-side layout.
    static func toggleLayout(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session else { return [] }
        let width = ReviewLayout.areas(state)?.diff.width ?? 0
        session.layoutChoice = session.layout(width: width) == .unified ? .sideBySide : .unified
        state.review.session = session
        self.keepSelectionVisible(&state)
        return WorkbenchUpdate.notify(
            .info, session.layoutChoice == .sideBySide ? "side-by-side layout" : "unified layout", &state)
    }

    /// Esc in the review: leaves line mode, else cancels as anywhere else.
    static func back(_ state: inout WorkbenchState) -> [Command] {
        if state.pendingKeys.isEmpty, state.overlays.isEmpty, state.review.session?.isLineMode == true {
            return self.toggleLineMode(&state)
        }
        return WorkbenchUpdate.cancel(&state)
    }

    // MARK: - Helpers

    private static func selectedReference(_ session: ReviewSession, _ hunk: ReviewHunk) -> LineReference? {
        hunk.lines.indices.contains(session.line) ? hunk.lines[session.line].reference : nil
    }

    private static func nothingSelected(_ state: inout WorkbenchState) -> [Command] {
        WorkbenchUpdate.notify(.info, "no hunk is selected", &state)
    }
}
