import Basics
import Changes
import CodeIndex
import FoundationEssentials

/// Applies migration steps through the Changes module: each step's file changes become an edit
/// proposal (whole-file replacements, creations, renames), a `Changeset` built against the files
/// on disk, a review with every hunk accepted, and one checkpoint in the `CheckpointStore`
/// (journaled, all-or-nothing, undoable with `seam undo` too).
package struct ChangesApplier: MigrationApplier {
    /// The environment whose `XDG_DATA_HOME` locates the checkpoint store.
    package var environment: [String: String]

    package init(environment: [String: String] = ProcessEnvironment.current) {
        self.environment = environment
    }

    /// The edit proposal for `changes`: what the Changes module parses from a model's answer.
    package static func proposal(for changes: [FileChange]) -> EditProposal {
        var edits: [FileEdit] = []
        for (index, change) in changes.enumerated() {
            let source = EditSource(format: .wholeFile, block: index + 1, line: 1)
            if let newPath = change.newPath, let text = change.newText {
                let action: FileEdit.Action = change.oldPath == nil ? .create : .replaceWhole
                edits.append(
                    FileEdit(
                        path: newPath, renamedFrom: change.isRename ? change.oldPath : nil, action: action,
                        content: Array(text.utf8), source: source))
            } else if let oldPath = change.oldPath {
                edits.append(FileEdit(path: oldPath, action: .delete, source: source))
            }
        }
        return EditProposal(edits: edits)
    }

    /// The changeset `changes` make to the project at `root`, for review (the walkthrough's preview).
    package static func changeset(for changes: [FileChange], root: String, title: String) throws -> Changeset {
        let workspace = try WorkspaceRoot(root)
        return ChangesetBuilder(workspace: workspace).build(self.proposal(for: changes), title: title)
    }

    /// Applies `review`'s accepted hunks as one checkpoint (what the TUI does after a review).
    package func apply(_ review: ChangeReview, root: String) throws -> Int {
        let store = try CheckpointStore(workspace: try WorkspaceRoot(root), environment: self.environment)
        return try store.apply(review.resolved(), title: review.changeset.title)
    }

    package func apply(_ changes: [FileChange], root: String, label: String) throws -> String {
        // The codemods saw the files as they were when previewed; refuse if any changed since.
        for change in changes {
            guard let oldPath = change.oldPath else { continue }
            let data = FileManager.default.contents(atPath: root + "/" + oldPath)
            guard let data, String(decoding: data, as: UTF8.self) == change.oldText else {
                throw MigrationApplyError(message: "\(oldPath) changed on disk since the preview; nothing was written (preview again)")
            }
        }
        let changeset = try Self.changeset(for: changes, root: root, title: label)
        if let refused = changeset.files.first(where: { $0.refusal != nil }) {
            throw MigrationApplyError(message: "\(refused.path): \(refused.refusal ?? "refused"); nothing was written")
        }
        var review = ChangeReview(changeset)
        review.decideAll(.accepted)
        return String(try self.apply(review, root: root))
    }

    package func undo(root: String) throws -> String? {
        let store = try CheckpointStore(workspace: try WorkspaceRoot(root), environment: self.environment)
        do {
            return try store.undo().title
        } catch where error.code == .nothingToUndo {
            return nil
        }
    }

    package func checkpoints(root: String) throws -> [String] {
        let store = try CheckpointStore(workspace: try WorkspaceRoot(root), environment: self.environment)
        return try store.log().filter { !$0.isUndone }.map(\.title)
    }
}
