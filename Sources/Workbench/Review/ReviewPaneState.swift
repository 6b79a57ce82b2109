import Changes

/// The review part of the workbench state: the review open in the main view (if any), and what
/// the user did with the model's last proposal, waiting to be told to the model.
package struct ReviewPaneState: Hashable, Sendable {
    /// The review shown when the main view is in `.review` mode; nil when none is open.
    package var session: ReviewSession?
    /// How the user received the model's last proposal (rejections, edits, partial accepts),
    /// sent with the next chat message; nil when there is nothing to report.
    package var pendingFeedback: String?

    package init(session: ReviewSession? = nil) {
        self.session = session
    }
}

/// One multi-file change under review: the decisions (a `ChangeReview`), where it came from,
/// what is selected, and how it is shown. Nothing in here has touched the disk; the final apply
/// is a command.
package struct ReviewSession: Hashable, Sendable {
    /// Where the proposal came from.
    package enum Origin: Hashable, Sendable {
        /// `seam review PATCHFILE`.
        case patchFile(String)
        /// `seam review --git REV`.
        case gitRevision(String)
        /// An answer in the chat: the message's index in the conversation.
        case chat(conversation: String, message: Int)
        /// A step of the JavaScript-to-TypeScript walkthrough (`seam migrate js-to-ts`).
        case migrationStep(String)
        /// Types for one file proposed by the model at the walkthrough's request.
        case typeProposal(path: String)
    }

    /// How far the review got.
    package enum Phase: Hashable, Sendable {
        /// Decisions can be made and revised.
        case reviewing
        /// The apply command is running.
        case applying
        /// Written as a checkpoint; read-only until undone.
        case applied(ReviewApplyReport)
    }

    /// How changed lines are laid out.
    package enum Layout: Hashable, Sendable {
        /// One column: removed lines above added ones.
        case unified
        /// Two columns: the current file left, the proposed file right.
        case sideBySide
    }

    /// The decisions. Every change regroups the selected file's hunks once (`hunks`).
    package var review: ChangeReview {
        didSet { self.hunks = Self.hunks(of: self.review, file: self.file) }
    }
    package var origin: Origin
    package var phase: Phase = .reviewing
    /// The selected file (an index into the changeset's files; `fileCount` selects the page of
    /// problems found reading the edits, when there are any).
    package var file = 0 {
        didSet { if self.file != oldValue { self.hunks = Self.hunks(of: self.review, file: self.file) } }
    }
    /// The hunks of the selected file as the review groups them now (with their lines and word
    /// highlights), kept up to date by `review` and `file` so views and keys do not rebuild them.
    package private(set) var hunks: [ReviewHunk]
    /// The selected hunk of the selected file; nil selects its first hunk.
    package var hunk: ReviewHunk.ID?
    /// True when single changed lines are selected and decided instead of whole hunks.
    package var isLineMode = false
    /// The selected line in line mode: an index into the selected hunk's lines.
    package var line = 0
    /// The layout chosen by the user; nil chooses by width.
    package var layoutChoice: Layout?
    /// The first row of the diff shown.
    package var scroll = 0
    /// Files (indices) found changed on disk since the proposal.
    package var staleFiles: Set<Int> = []
    /// Block ids per file that the user rewrote in the editor (for the report).
    package var editedBlocks: [Int: Set<Int>] = [:]
    /// The last error about this review (an invalid edit, a refused apply), shown above the diff.
    package var error: String?
    /// Set by a first apply request while lines are still undecided; a second one applies.
    package var isConfirmingApply = false
    /// Set by a first close request while decisions would be lost; a second one closes.
    package var isConfirmingClose = false
    /// The hunk open in `$EDITOR`, if any.
    package var editing: ReviewHunk.ID?
    /// The report of the last apply, kept so redo after undo can show it again.
    package var lastReport: ReviewApplyReport?

    package init(review: ChangeReview, origin: Origin) {
        self.review = review
        self.origin = origin
        self.hunks = Self.hunks(of: review, file: 0)
    }

    private static func hunks(of review: ChangeReview, file: Int) -> [ReviewHunk] {
        review.changeset.files.indices.contains(file) ? review.hunks(inFile: file) : []
    }

    /// The changeset under review.
    package var changeset: Changeset { self.review.changeset }

    /// The number of navigator entries: the files, plus one for the edit problems if any.
    package var entryCount: Int {
        self.changeset.files.count + (self.hasProblemsPage ? 1 : 0)
    }

    /// True when reading the edits reported problems (shown as their own navigator entry).
    package var hasProblemsPage: Bool { !self.changeset.diagnostics.isEmpty }

    /// True when the selected entry is a file (not the problems page).
    package var isFileSelected: Bool { self.changeset.files.indices.contains(self.file) }

    /// The index of the selected hunk in `hunks` (the hunk that holds its first block when a
    /// regrouping changed ids), or nil when the file has none.
    package func hunkIndex(in hunks: [ReviewHunk]) -> Int? {
        guard !hunks.isEmpty else { return nil }
        guard let selected = self.hunk else { return 0 }
        if let exact = hunks.firstIndex(where: { $0.id == selected }) { return exact }
        if let holding = hunks.firstIndex(where: { $0.blockIDs.contains(selected.firstBlock) }) { return holding }
        // The block is gone (an edit replaced it): the first hunk after where it was.
        return hunks.firstIndex { $0.id.firstBlock > selected.firstBlock } ?? hunks.count - 1
    }

    /// True while decisions may change.
    package var isEditable: Bool { self.phase == .reviewing }

    /// The layout used at `width` columns of diff area.
    package func layout(width: Int) -> Layout {
        self.layoutChoice ?? (width >= Self.sideBySideWidth ? .sideBySide : .unified)
    }

    /// The narrowest diff area that gets two columns by default.
    package static let sideBySideWidth = 110
}
