/// The model's help with types for one file: the request being prepared, the answer as it
/// streams in, and what became of it (a review, or a clear note that it had no edits).
package struct MigrationTypeRequest: Sendable, Equatable {
    /// How far the request got.
    package enum Phase: Hashable, Sendable {
        /// Reading the file, its neighbours and tsc's diagnostics.
        case preparing
        /// The request is ready; the engine is being connected.
        case waitingForEngine
        /// The answer is streaming in.
        case streaming
        /// Reading the edits in the finished answer.
        case reading
        /// The answer held edits: they are open in the review.
        case opened(files: Int)
        /// The answer held no edits this file could take (the text says what was found).
        case noEdits(String)
        /// Stopped by the user.
        case cancelled
        /// The request or the engine failed (the text says why).
        case failed(String)
    }

    /// Ties the engine's answer to this request.
    package var id: Int
    /// The file the types are for (relative to the workspace root).
    package var path: String
    package var phase: Phase = .preparing
    /// The chat messages sent (once prepared).
    package var messages: [ContextMessage] = []
    /// The answer so far.
    package var answer = ""
    /// Why the engine stopped (`stop`, `length`), once it did.
    package var finishReason: String?

    package init(id: Int, path: String) {
        self.id = id
        self.path = path
    }

    /// True while the request or its answer is in flight.
    package var isRunning: Bool {
        switch self.phase {
        case .preparing, .waitingForEngine, .streaming, .reading: return true
        default: return false
        }
    }
}
