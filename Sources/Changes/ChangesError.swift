/// Why a changeset could not be built, applied, undone or redone — one message, naming the file.
///
/// NIO's error shape: a `code` that callers can switch on (a struct over a private enum, so cases
/// can be added), a `message` for people, the `path` concerned, and an underlying `cause`.
package struct ChangesError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case pathOutsideWorkspace, staleFile, laterEdit, io, corruptStore, nothingToUndo, nothingToRedo
            case locked, invalidEdit, invalidReview, conflict
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A path that is absolute, climbs out with `..`, points into `.git`, or resolves through
        /// a symbolic link to outside the workspace.
        package static let pathOutsideWorkspace = Code(.pathOutsideWorkspace)
        /// A file changed on disk after the proposal was made.
        package static let staleFile = Code(.staleFile)
        /// Undo or redo found a file edited after the checkpoint.
        package static let laterEdit = Code(.laterEdit)
        /// Reading or writing failed.
        package static let io = Code(.io)
        /// The checkpoint store or journal cannot be read.
        package static let corruptStore = Code(.corruptStore)
        package static let nothingToUndo = Code(.nothingToUndo)
        package static let nothingToRedo = Code(.nothingToRedo)
        /// Another seam process holds the workspace's lock.
        package static let locked = Code(.locked)
        /// An edit cannot be used (e.g. an edited hunk that no longer fits its file).
        package static let invalidEdit = Code(.invalidEdit)
        /// A review action that does not apply (unknown hunk, nothing to split).
        package static let invalidReview = Code(.invalidReview)
        /// Conflicting edits to one file.
        package static let conflict = Code(.conflict)

        package var description: String { "\(self.value)" }
    }

    package var code: Code
    package var message: String
    /// The workspace-relative path concerned, when there is one.
    package var path: String?
    package var cause: (any Error & Sendable)?

    package init(_ code: Code, _ message: String, path: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.cause = cause
    }

    package var description: String {
        var text = self.path.map { "\($0): \(self.message)" } ?? self.message
        if let cause { text += " (\(cause))" }
        return text
    }
}
