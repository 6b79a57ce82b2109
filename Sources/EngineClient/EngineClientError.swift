import Basics
import EngineProtocol

/// Why a call to an engine failed: a code to branch on, a message, the HTTP status and OpenAI
/// error object when the server answered with one, and the underlying cause.
package struct EngineClientError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure; a struct over a private enum so kinds can be added.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidEndpoint, connectionFailed, timedOut, cancelled, server, invalidResponse, engineFailedToStart
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The endpoint text cannot be parsed.
        package static let invalidEndpoint = Code(.invalidEndpoint)
        /// Nothing answers at the endpoint, or the connection broke.
        package static let connectionFailed = Code(.connectionFailed)
        /// The server took longer than the timeout.
        package static let timedOut = Code(.timedOut)
        /// The caller cancelled the request.
        package static let cancelled = Code(.cancelled)
        /// The server answered with an error status (see `status` and `apiError`).
        package static let server = Code(.server)
        /// The answer is not HTTP or not the expected JSON.
        package static let invalidResponse = Code(.invalidResponse)
        /// `EngineLauncher` could not start the engine or it exited while loading.
        package static let engineFailedToStart = Code(.engineFailedToStart)

        package var description: String { "\(self.kind)" }
    }

    package var code: Code
    package var message: String
    /// The HTTP status of an error answer.
    package var status: Int?
    /// The OpenAI error object of an error answer (also for an error event mid-stream).
    package var apiError: APIError?
    package var cause: (any Error & Sendable)?

    package init(
        _ code: Code,
        _ message: String,
        status: Int? = nil,
        apiError: APIError? = nil,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.apiError = apiError
        self.cause = cause
    }

    package var description: String {
        guard let cause = self.cause else { return self.message }
        return "\(self.message): \(describe(cause))"
    }
}
