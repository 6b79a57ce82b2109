import CodeIndex

/// Applies a step's changes to the project as one checkpoint, and undoes checkpoints.
///
/// `ChangesApplier` implements it with the Changes module (changesets, review, journaled
/// checkpoints); tests and other front ends may supply their own.
package protocol MigrationApplier: Sendable {
    /// Applies every change or none; returns the checkpoint's id.
    func apply(_ changes: [FileChange], root: String, label: String) throws -> String
    /// Undoes the latest checkpoint of `root`; returns its label, or nil when there is none.
    func undo(root: String) throws -> String?
    /// Labels of the checkpoints of `root`, oldest first.
    func checkpoints(root: String) throws -> [String]
}

/// Why applying or undoing failed.
package struct MigrationApplyError: Error, CustomStringConvertible, Sendable {
    /// One line naming the file and what to do.
    package var message: String
    package var description: String { self.message }
}

extension FileChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case oldPath, newPath, oldText, newText
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            oldPath: try container.decodeIfPresent(String.self, forKey: .oldPath),
            newPath: try container.decodeIfPresent(String.self, forKey: .newPath),
            oldText: try container.decodeIfPresent(String.self, forKey: .oldText),
            newText: try container.decodeIfPresent(String.self, forKey: .newText))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.oldPath, forKey: .oldPath)
        try container.encodeIfPresent(self.newPath, forKey: .newPath)
        try container.encodeIfPresent(self.oldText, forKey: .oldText)
        try container.encodeIfPresent(self.newText, forKey: .newText)
    }
}

extension FileChange {
    /// The change that undoes this one.
    package var inverse: FileChange {
        FileChange(oldPath: self.newPath, newPath: self.oldPath, oldText: self.newText, newText: self.oldText)
    }
}
