/// The one error type of the Workspace module: what went wrong, where, and why.
///
/// Shaped like NIO's I/O errors: an extensible `code`, a human `message` that names the thing and
/// the place, the workspace-relative `path` when there is one, and the underlying `cause`.
package struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; compare with the static members (`.notFound`, …).
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound = "not found"
            case notADirectory = "not a directory"
            case outsideWorkspace = "outside the workspace"
            case permissionDenied = "permission denied"
            case io = "i/o error"
            case tooLarge = "too large"
            case invalidPath = "invalid path"
            case invalidPattern = "invalid pattern"
            case git = "git failed"
            case cancelled = "cancelled"
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The path does not exist.
        package static let notFound = Code(.notFound)
        /// A directory was expected.
        package static let notADirectory = Code(.notADirectory)
        /// The path, or a symbolic link's target, lies outside the workspace root.
        package static let outsideWorkspace = Code(.outsideWorkspace)
        /// The operating system refused access.
        package static let permissionDenied = Code(.permissionDenied)
        /// Any other failed system call.
        package static let io = Code(.io)
        /// The file is larger than the caller's cap.
        package static let tooLarge = Code(.tooLarge)
        /// A path that cannot name anything inside a workspace (empty component, NUL byte, …).
        package static let invalidPath = Code(.invalidPath)
        /// A search or ignore pattern that does not compile.
        package static let invalidPattern = Code(.invalidPattern)
        /// `git` ran and failed.
        package static let git = Code(.git)
        /// The caller cancelled the operation.
        package static let cancelled = Code(.cancelled)

        package var description: String { self.base.rawValue }
    }

    /// The kind of failure.
    package var code: Code
    /// One lowercase line naming the thing and the place.
    package var message: String
    /// The workspace-relative path involved, if any.
    package var path: String?
    /// The error underneath, if any.
    package var cause: (any Error)?

    package init(_ code: Code, _ message: String, path: String? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.cause = cause
    }

    package var description: String {
        var text = self.message
        if let cause = self.cause { text += ": \(cause)" }
        return text
    }
}
