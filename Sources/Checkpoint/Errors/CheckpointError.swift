/// The one error type of the Checkpoint module: what is wrong with which file and tensor, and
/// what was expected.
///
/// `code` says the kind of problem (stable for tests and callers); `description` is one line
/// for the user, e.g. `model.safetensors: tensor 'layers.0.attn.wq_a.weight': shape [64, 48],
/// expected [48, 64]`.
package struct CheckpointError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of problem. A struct over a private enum so kinds can be added.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case io, truncated, badHeader, badOffsets, overlap, dtype, shape, missing, unexpected, config, index
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The file cannot be opened, read or mapped.
        package static let io = Code(.io)
        /// The file ends before its header or data say it should.
        package static let truncated = Code(.truncated)
        /// The header is not the JSON a safetensors header must be (or its length is absurd).
        package static let badHeader = Code(.badHeader)
        /// A tensor's byte range is outside the data or does not match dtype × shape.
        package static let badOffsets = Code(.badOffsets)
        /// Two tensors share bytes.
        package static let overlap = Code(.overlap)
        /// A tensor has an unknown or unexpected dtype.
        package static let dtype = Code(.dtype)
        /// A tensor has an unexpected shape.
        package static let shape = Code(.shape)
        /// A tensor the model needs is absent.
        package static let missing = Code(.missing)
        /// A tensor the model does not know is present.
        package static let unexpected = Code(.unexpected)
        /// config.json is missing, malformed or inconsistent.
        package static let config = Code(.config)
        /// model.safetensors.index.json is malformed or disagrees with the shards.
        package static let index = Code(.index)

        /// The kind's name.
        package var description: String { self.kind.rawValue }
    }

    /// What kind of problem it is.
    package var code: Code
    /// The file concerned (a path), if any.
    package var file: String?
    /// The tensor concerned, if any.
    package var tensor: String?
    /// What is wrong and what was expected.
    package var message: String

    /// An error about `file` (and `tensor`), saying what was expected.
    package init(_ code: Code, file: String? = nil, tensor: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.tensor = tensor
        self.message = message
    }

    /// `file: tensor 'name': message`.
    package var description: String {
        var text = ""
        if let file { text += Self.shortName(file) + ": " }
        if let tensor { text += "tensor '\(tensor)': " }
        return text + self.message
    }

    /// The last two components of a path (`deepseek-v4-tiny/model.safetensors`).
    private static func shortName(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.suffix(2).joined(separator: "/")
    }
}
