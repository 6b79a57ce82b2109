import Basics

/// Why the engine server could not start or serve: a code to branch on, a message that says what
/// failed and how to fix it, and the underlying cause.
package struct ServerError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure; a struct over a private enum so kinds can be added.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case socketInUse, invalidSocketPath, unsafeDirectory, system, invalidModel
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// Another process answers on the socket path.
        package static let socketInUse = Code(.socketInUse)
        /// The socket path is too long, or exists and is not a socket.
        package static let invalidSocketPath = Code(.invalidSocketPath)
        /// The socket directory belongs to another user.
        package static let unsafeDirectory = Code(.unsafeDirectory)
        /// A system call failed.
        package static let system = Code(.system)
        /// The model directory or its config.json is missing or invalid.
        package static let invalidModel = Code(.invalidModel)

        package var description: String { "\(self.kind)" }
    }

    package var code: Code
    package var message: String
    package var cause: (any Error & Sendable)?

    package init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    package var description: String {
        guard let cause = self.cause else { return self.message }
        return "\(self.message): \(describe(cause))"
    }
}
