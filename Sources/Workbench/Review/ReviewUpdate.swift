import Changes
import Workspace

/// The review's part of the update: opening a proposal, the results of review commands, the
/// final apply, undo and redo, and the report to the model. Pure like the rest of the update:
/// it changes `state.review` (and the main view's mode) and returns commands.
package enum ReviewUpdate {
    /// Applies a review message.
    static func apply(_ msg: ReviewMsg, _ state: inout WorkbenchState) -> [Command] {
        switch msg {
        case .opened(let review, let origin, let replacing):
            return self.opened(review, origin: origin, replacing: replacing, &state)
        case .openFailed(let message):
            return WorkbenchUpdate.notify(.error, message, &state)
        case .applied(let checkpoint):
            return self.applied(checkpoint: checkpoint, &state)
        case .applyFailed(let message, let stale):
            guard var session = state.review.session, session.phase == .applying else { return [] }
            session.phase = .reviewing
            session.staleFiles.formUnion(stale)
            session.error = "nothing was written: \(message)"
            state.review.session = session
            return WorkbenchUpdate.notify(.error, "apply refused: \(message)", &state)
        case .staleChecked(let title, let stale):
            guard var session = state.review.session, session.changeset.title == title, session.isEditable else {
                return []
            }
            session.staleFiles = Set(stale)
            state.review.session = session
            guard !stale.isEmpty else { return [] }
            let paths = stale.map { session.changeset.files[$0].path }.joined(separator: ", ")
            return WorkbenchUpdate.notify(.warning, "changed on disk since the proposal: \(paths)", &state)
        case .hunkEdited(let id, let text):
            return self.hunkEdited(id, text: text, &state)
        case .hunkEditFailed(let id, let message):
            guard var session = state.review.session, session.editing == id else { return [] }
            session.editing = nil
            session.error = "the hunk is unchanged: \(message)"
            state.review.session = session
            return WorkbenchUpdate.notify(.error, "edit failed: \(message)", &state)
        case .checkpointUndone(let summary):
            var text = "undid checkpoint \(summary.id) (\(summary.title)): \(summary.pathList())"
            if var session = state.review.session, case .applied(let report) = session.phase,
                report.checkpoint == summary.id
            {
                session.phase = .reviewing
                session.error = nil
                state.review.session = session
                text = "undid checkpoint \(summary.id): the files are as before; the review is open again to revise"
            }
            return self.reloadAfterWrite(&state) + WorkbenchUpdate.notify(.info, text, &state)
        case .checkpointRedone(let summary):
            var text = "redid checkpoint \(summary.id) (\(summary.title)): \(summary.pathList())"
            if var session = state.review.session, session.phase == .reviewing, let report = session.lastReport,
                report.checkpoint == summary.id
            {
                session.phase = .applied(report)
                state.review.session = session
                text = "redid checkpoint \(summary.id): the reviewed change is applied again"
            }
            return self.reloadAfterWrite(&state) + WorkbenchUpdate.notify(.info, text, &state)
        case .checkpointFailed(let message):
            return WorkbenchUpdate.notify(.error, message, &state)
        }
    }

    // MARK: - Opening and closing

    /// Opens `review` in the main view (replacing any open review) and selects its first hunk.
    /// With `focus`, the main view takes the focus.
    package static func open(
        _ review: ChangeReview, origin: ReviewSession.Origin, focus: Bool, _ state: inout WorkbenchState
    ) -> [Command] {
        state.review.session = ReviewSession(review: review, origin: origin)
        state.mainMode = .review
        if focus { state.focus = WorkbenchLayout.main }
        self.keepSelectionVisible(&state)
        let files = review.changeset.files.count
        guard files > 0 else {
            let problems = review.changeset.diagnostics.count
            return WorkbenchUpdate.notify(
                .warning,
                "the proposal has no usable edits" + (problems > 0 ? " (\(problems) problems listed)" : ""), &state)
        }
        let hunks = (0..<files).reduce(0) { $0 + review.hunks(inFile: $1).count }
        let refused = review.changeset.files.filter { $0.refusal != nil }.count
        var text = "review: \(files) file\(files == 1 ? "" : "s"), \(hunks) hunk\(hunks == 1 ? "" : "s")"
        if refused > 0 { text += ", \(refused) refused" }
        let accept = state.keymap.hint(for: "reviewAccept", in: [.review]) ?? "palette"
        let reject = state.keymap.hint(for: "reviewReject", in: [.review]) ?? "palette"
        let apply = state.keymap.hint(for: "reviewApply", in: [.review]) ?? "palette"
        text += " · \(accept) accept · \(reject) reject · \(apply) apply"
        return WorkbenchUpdate.notify(refused > 0 ? .warning : .info, text, &state)
    }

    private static func opened(
        _ review: ChangeReview, origin: ReviewSession.Origin, replacing: Bool, _ state: inout WorkbenchState
    ) -> [Command] {
        guard case .chat = origin, !replacing else { return self.open(review, origin: origin, focus: true, &state) }
        if let session = state.review.session, session.isEditable, session.review.state != .pending {
            let key = state.keymap.hint(for: "reviewLastAnswer", in: [.global]) ?? "the palette"
            return WorkbenchUpdate.notify(
                .info, "the answer proposes changes; finish the open review first, then \(key) reviews them", &state)
        }
        var commands = self.open(review, origin: origin, focus: false, &state)
        let key = state.keymap.hint(for: "focusMain", in: [.global]) ?? "the palette"
        commands += WorkbenchUpdate.notify(
            .info, "the answer proposes changes to \(review.changeset.files.count) file(s): \(key) to review them",
            &state)
        return commands
    }

    /// Closes the review; a second request is needed while decisions would be lost.
    static func close(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.phase != .applying else { return [] }
        let undecidedLoss = session.isEditable && session.review.state != .pending
        if undecidedLoss && !session.isConfirmingClose {
            session.isConfirmingClose = true
            state.review.session = session
            let key = state.keymap.hint(for: "reviewClose", in: [.review]) ?? "close"
            return WorkbenchUpdate.notify(
                .warning, "close without applying? the decisions are lost: press \(key) again", &state)
        }
        if case .chat = session.origin, session.isEditable {
            state.review.pendingFeedback =
                "The user closed the review of your proposed changes without applying any of them."
        }
        let applied = !session.isEditable
        state.review.session = nil
        state.mainMode = state.viewer.path == nil ? .welcome : .file
        return WorkbenchUpdate.notify(.info, applied ? "review closed" : "review closed; nothing was written", &state)
    }

    // MARK: - Applying

    /// Writes the accepted changes (after a confirmation while some are undecided).
    static func requestApply(_ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.isEditable else { return [] }
        let undecided = self.undecidedCount(session.review)
        if undecided > 0 && !session.isConfirmingApply {
            session.isConfirmingApply = true
            state.review.session = session
            let key = state.keymap.hint(for: "reviewApply", in: [.review]) ?? "apply"
            return WorkbenchUpdate.notify(
                .warning,
                "\(undecided) change\(undecided == 1 ? " is" : "s are") undecided and will be left out: press \(key) again to apply",
                &state)
        }
        session.isConfirmingApply = false
        let files = session.review.resolved()
        guard !files.isEmpty else {
            state.review.session = session
            return WorkbenchUpdate.notify(.warning, "nothing is accepted: nothing to apply", &state)
        }
        let report = ReviewApplyReport.outcomes(
            of: session.review, edited: session.editedBlocks, fileCount: files.count)
        session.lastReport = report
        session.phase = .applying
        session.error = nil
        state.review.session = session
        return [
            .review(.apply(changeset: session.changeset, files: files, title: "review: \(session.changeset.title)"))
        ]
    }

    private static func applied(checkpoint: Int, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.phase == .applying else { return [] }
        var report = session.lastReport ?? ReviewApplyReport(fileCount: 0, lines: [])
        report.checkpoint = checkpoint
        session.lastReport = report
        session.phase = .applied(report)
        session.scroll = 0
        session.staleFiles = []
        var told = ""
        if case .chat = session.origin {
            let feedback = session.review.feedback(pending: .rejected)
            state.review.pendingFeedback =
                feedback.isEmpty ? "The user applied your proposed changes as proposed." : feedback
            told = "; the model hears how with your next message"
        }
        state.review.session = session
        let undo = state.keymap.hint(for: "undoCheckpoint", in: [.review, .global]) ?? "seam undo"
        return self.reloadAfterWrite(&state)
            + WorkbenchUpdate.notify(
                .info,
                "applied as checkpoint \(checkpoint): \(report.fileCount) file\(report.fileCount == 1 ? "" : "s") changed (\(undo) undoes)\(told)",
                &state)
    }

    /// On reload: look again for files changed on disk since the proposal under review.
    static func refresh(_ state: WorkbenchState) -> [Command] {
        guard let session = state.review.session, session.isEditable else { return [] }
        return [.review(.checkStale(session.changeset))]
    }

    /// Changed lines (and file operations) with no decision yet.
    static func undecidedCount(_ review: ChangeReview) -> Int {
        var count = 0
        for index in 0..<review.fileCount where review.changeset.files[index].refusal == nil {
            for hunk in review.hunks(inFile: index) {
                if hunk.operation != nil {
                    if hunk.state == .pending { count += 1 }
                } else {
                    count += hunk.lines.filter { $0.decision == .pending }.count
                }
            }
        }
        return count
    }

    /// Reloads what a write to the workspace may have changed: git status and the open file.
    private static func reloadAfterWrite(_ state: inout WorkbenchState) -> [Command] {
        var commands: [Command] = [.loadGitStatus]
        commands += state.tree.tree.loadedDirectories.map { .loadDirectory($0) }
        if let path = state.viewer.path {
            state.viewer.isLoading = state.mainMode == .file
            commands.append(.loadFile(path))
        }
        return commands
    }

    // MARK: - Editing

    private static func hunkEdited(_ id: ReviewHunk.ID, text: String, _ state: inout WorkbenchState) -> [Command] {
        guard var session = state.review.session, session.editing == id else { return [] }
        session.editing = nil
        do {
            let replacement = try session.review.applyEdit(id, text: text)
            if let replacement {
                session.hunk = replacement
                if let hunk = session.review.hunks(inFile: id.file).first(where: { $0.id == replacement }) {
                    session.editedBlocks[id.file, default: []].formUnion(hunk.blockIDs)
                }
            }
            session.error = nil
            session.isLineMode = false
            state.review.session = session
            self.keepSelectionVisible(&state)
            let text =
                replacement == nil ? "the edited hunk changes nothing; it was removed" : "hunk edited and accepted"
            return WorkbenchUpdate.notify(.info, text, &state)
        } catch {
            session.error = "the edited hunk was not used, the hunk is unchanged: \(error.message)"
            state.review.session = session
            return WorkbenchUpdate.notify(.error, "invalid edit: \(error.message)", &state)
        }
    }

    // MARK: - Chat

    /// After an answer finished: when it contains edits in a format Changes reads, ask for them
    /// to be opened as a review.
    static func answerFinished(_ state: inout WorkbenchState) -> [Command] {
        guard let command = self.reviewCommandForLastAnswer(state, replacing: false) else { return [] }
        return [command]
    }

    /// Opens the edits of the latest answer for review (showing the review again when it is the
    /// one open).
    static func reviewLastAnswer(_ state: inout WorkbenchState) -> [Command] {
        guard let command = self.reviewCommandForLastAnswer(state, replacing: true) else {
            return WorkbenchUpdate.notify(.info, "the last answer proposes no edits", &state)
        }
        if case .review(.open(_, _, let origin, _, _)) = command, state.review.session?.origin == origin {
            state.mainMode = .review
            return WorkbenchUpdate.focus(WorkbenchLayout.main, &state)
        }
        return [command]
    }

    /// The command that opens the edits of the latest answer, nil when it has none.
    static func reviewCommandForLastAnswer(_ state: WorkbenchState, replacing: Bool) -> Command? {
        let messages = state.chat.conversation.messages
        guard let index = messages.lastIndex(where: { $0.role == .assistant }), !messages[index].text.isEmpty else {
            return nil
        }
        let text = messages[index].text
        guard !EditParser.parse(text).edits.isEmpty else { return nil }
        let number = messages[...index].filter { $0.role == .assistant }.count
        return .review(
            .open(
                text: text, title: "chat answer \(number)",
                origin: .chat(conversation: state.chat.conversation.id, message: index), context: 3,
                replacing: replacing))
    }

    /// The report on the last proposal to send with the next message (taken once).
    package static func takeFeedback(_ state: inout WorkbenchState) -> String? {
        defer { state.review.pendingFeedback = nil }
        return state.review.pendingFeedback
    }
}
