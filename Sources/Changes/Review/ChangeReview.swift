import Diffing

/// The decisions a reviewer makes on a changeset, revisable until the final apply.
///
/// Decisions are kept per changed line (every removed and added line of every block), so hunk
/// decisions, line selections, splits and context changes all compose: a hunk is only a view of
/// nearby blocks (grouped when at most `2 × context` unchanged lines apart, unless split), and
/// regrouping never loses a decision. File-level operations (rename, mode change, deletion,
/// binary replacement, creating an empty file) are one decision each.
///
/// A value type with pure operations, so the TUI can keep it in its state and test every step.
package struct ChangeReview: Hashable, Sendable {
    package private(set) var changeset: Changeset
    /// Unchanged lines shown around changes.
    package private(set) var context: Int
    var files: [FileDecisions]

    /// Decisions for one file.
    struct FileDecisions: Hashable, Sendable {
        var blocks: [ChangeBlock]
        var old: [Int: [Decision]] = [:]
        var new: [Int: [Decision]] = [:]
        var operation: Decision = .pending
        var splitBefore: Set<Int> = []
        var nextBlockID: Int
        var edits: [HunkEdit] = []
    }

    /// A hunk the reviewer rewrote, for the report to the model.
    struct HunkEdit: Hashable, Sendable {
        var editHunks: [Int]
        var proposed: String
        var final: String
    }

    /// Starts a review with every decision pending and `context` lines of context.
    package init(_ changeset: Changeset, context: Int = 3) {
        self.changeset = changeset
        self.context = max(0, context)
        self.files = changeset.files.map { file in
            var decisions = FileDecisions(blocks: file.blocks, nextBlockID: (file.blocks.map(\.id).max() ?? -1) + 1)
            for block in file.blocks {
                decisions.old[block.id] = Array(repeating: .pending, count: block.oldRange.count)
                decisions.new[block.id] = Array(repeating: .pending, count: block.newLines.count)
            }
            return decisions
        }
    }

    // MARK: - Files

    /// The number of files.
    package var fileCount: Int { self.changeset.files.count }

    /// The state of file `index`: pending, partial, accepted or rejected. Refused files are
    /// rejected.
    package func state(ofFile index: Int) -> ReviewState {
        guard self.changeset.files[index].refusal == nil else { return .rejected }
        return ReviewState(self.allDecisions(ofFile: index))
    }

    /// The state of the whole review.
    package var state: ReviewState {
        ReviewState((0..<self.fileCount).flatMap { self.allDecisions(ofFile: $0) })
    }

    private func allDecisions(ofFile index: Int) -> [Decision] {
        let decisions = self.files[index]
        var result: [Decision] = []
        if self.changeset.files[index].hasFileOperation { result.append(decisions.operation) }
        for block in decisions.blocks {
            result += decisions.old[block.id] ?? []
            result += decisions.new[block.id] ?? []
        }
        return result
    }

    /// Sets every decision of file `index`; with `onlyPending`, only those not yet made ("accept
    /// the rest of the file").
    package mutating func decideFile(_ index: Int, _ decision: Decision, onlyPending: Bool = false) {
        guard self.changeset.files.indices.contains(index), self.changeset.files[index].refusal == nil else { return }
        func update(_ value: inout Decision) {
            if !onlyPending || value == .pending { value = decision }
        }
        update(&self.files[index].operation)
        for block in self.files[index].blocks {
            if var old = self.files[index].old[block.id] {
                for line in old.indices { update(&old[line]) }
                self.files[index].old[block.id] = old
            }
            if var new = self.files[index].new[block.id] {
                for line in new.indices { update(&new[line]) }
                self.files[index].new[block.id] = new
            }
        }
    }

    /// Sets every decision of every file.
    package mutating func decideAll(_ decision: Decision, onlyPending: Bool = false) {
        for index in self.files.indices { self.decideFile(index, decision, onlyPending: onlyPending) }
    }

    // MARK: - Hunks and lines

    /// Sets the decision of every line in `hunk` (or its file-level operation).
    package mutating func decide(_ hunk: ReviewHunk.ID, _ decision: Decision) throws(ChangesError) {
        let file = try self.checkedFile(hunk.file)
        if hunk.firstBlock == ReviewHunk.fileOperationBlock {
            guard self.changeset.files[file].hasFileOperation else {
                throw ChangesError(
                    .invalidReview, "the file has no file-level operation", path: self.changeset.files[file].path)
            }
            self.files[file].operation = decision
            return
        }
        for id in try self.blockIDs(of: hunk) {
            self.files[file].old[id] = self.files[file].old[id].map { Array(repeating: decision, count: $0.count) }
            self.files[file].new[id] = self.files[file].new[id].map { Array(repeating: decision, count: $0.count) }
        }
    }

    /// Sets the decision of one changed line.
    package mutating func decide(_ line: LineReference, _ decision: Decision) throws(ChangesError) {
        let file = try self.checkedFile(line.file)
        switch line.side {
        case .old:
            guard let count = self.files[file].old[line.block]?.count, line.index >= 0, line.index < count else {
                throw ChangesError(.invalidReview, "no such line", path: self.changeset.files[file].path)
            }
            self.files[file].old[line.block]?[line.index] = decision
        case .new:
            guard let count = self.files[file].new[line.block]?.count, line.index >= 0, line.index < count else {
                throw ChangesError(.invalidReview, "no such line", path: self.changeset.files[file].path)
            }
            self.files[file].new[line.block]?[line.index] = decision
        }
    }

    /// The decision on one changed line.
    package func decision(_ line: LineReference) -> Decision? {
        guard self.files.indices.contains(line.file) else { return nil }
        switch line.side {
        case .old:
            return self.files[line.file].old[line.block].flatMap {
                $0.indices.contains(line.index) ? $0[line.index] : nil
            }
        case .new:
            return self.files[line.file].new[line.block].flatMap {
                $0.indices.contains(line.index) ? $0[line.index] : nil
            }
        }
    }

    /// Flips one line: accepted becomes rejected, anything else accepted.
    package mutating func toggle(_ line: LineReference) throws(ChangesError) {
        try self.decide(line, self.decision(line) == .accepted ? .rejected : .accepted)
    }

    /// Shows `hunk` as one hunk per change block, so each can be decided alone. Returns the new
    /// hunks' ids. A hunk of a single block cannot be split further; select lines instead.
    @discardableResult
    package mutating func split(_ hunk: ReviewHunk.ID) throws(ChangesError) -> [ReviewHunk.ID] {
        let file = try self.checkedFile(hunk.file)
        let ids = try self.blockIDs(of: hunk)
        guard ids.count > 1 else {
            throw ChangesError(
                .invalidReview, "this hunk is a single change and cannot be split; select lines to take part of it",
                path: self.changeset.files[file].path)
        }
        for id in ids.dropFirst() { self.files[file].splitBefore.insert(id) }
        return ids.map { ReviewHunk.ID(file: file, firstBlock: $0) }
    }

    /// Changes how many unchanged lines surround each change (and so which changes share a hunk).
    package mutating func setContext(_ lines: Int) {
        self.context = min(max(0, lines), 10_000)
    }

    // MARK: - Helpers

    func checkedFile(_ index: Int) throws(ChangesError) -> Int {
        guard self.changeset.files.indices.contains(index) else {
            throw ChangesError(.invalidReview, "no file number \(index + 1) in the changeset")
        }
        if let refusal = self.changeset.files[index].refusal {
            throw ChangesError(.invalidReview, "cannot be changed: \(refusal)", path: self.changeset.files[index].path)
        }
        return index
    }

    /// The blocks `hunk` shows (without building its lines).
    func blockIDs(of hunk: ReviewHunk.ID) throws(ChangesError) -> [Int] {
        if self.files.indices.contains(hunk.file) {
            let blocks = self.files[hunk.file].blocks
            for group in self.groups(inFile: hunk.file) where blocks[group.lowerBound].id == hunk.firstBlock {
                return group.map { blocks[$0].id }
            }
        }
        throw ChangesError(
            .invalidReview, "no hunk starting at block \(hunk.firstBlock)",
            path: self.changeset.files.indices.contains(hunk.file) ? self.changeset.files[hunk.file].path : nil)
    }
}
