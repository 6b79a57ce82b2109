/// The one error type of the DeepSeekV4 module (loading problems come from Checkpoint as
/// `CheckpointError`).
package struct ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of problem.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable { case invalidToken, contextFull, cacheMismatch, corruptCache, invalidArgument }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// A token id outside the vocabulary.
        package static let invalidToken = Code(.invalidToken)
        /// Feeding the tokens would pass `max_position_embeddings` (or the engine's limit).
        package static let contextFull = Code(.contextFull)
        /// A cache made for another model was passed in.
        package static let cacheMismatch = Code(.cacheMismatch)
        /// Serialized cache bytes are damaged or from another model.
        package static let corruptCache = Code(.corruptCache)
        /// Any other bad argument (e.g. no tokens).
        package static let invalidArgument = Code(.invalidArgument)

        /// The kind's name.
        package var description: String { self.kind.rawValue }
    }

    /// What kind of problem it is.
    package var code: Code
    /// One line for the user.
    package var message: String

    /// An error of kind `code`.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { self.message }
}
