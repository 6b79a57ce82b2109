/// The record of one multi-file operation, written before any file is touched (as the journal)
/// and kept afterwards (as the checkpoint): every file's content before and after, by digest.
struct CheckpointManifest: Codable, Hashable, Sendable {
    /// What the operation does.
    enum Kind: String, Codable, Sendable {
        /// Writes a new checkpoint's changes.
        case apply
        /// Puts checkpoint `checkpoint`'s files back as they were before it.
        case undo
        /// Writes checkpoint `checkpoint`'s changes again after an undo.
        case redo
    }

    /// A file's state: its content (a blob named by digest) and permission bits.
    struct FileState: Codable, Hashable, Sendable {
        var digest: ContentDigest
        var mode: UInt32
    }

    /// One file the operation changes. `nil` states mean the file does not exist.
    struct FileRecord: Codable, Hashable, Sendable {
        var path: String
        var before: FileState?
        var after: FileState?
    }

    var version: Int
    var kind: Kind
    /// For `apply`, the checkpoint being created; for `undo`/`redo`, the one undone or redone.
    var checkpoint: Int
    var title: String
    /// Seconds since 1970.
    var date: Int64
    var files: [FileRecord]

    /// The current format version.
    static let currentVersion = 1

    /// The same operation in reverse (for undo).
    var reversedFiles: [FileRecord] {
        self.files.map { FileRecord(path: $0.path, before: $0.after, after: $0.before) }
    }
}

/// One checkpoint as `seam log` lists it.
package struct CheckpointSummary: Hashable, Sendable {
    package var id: Int
    package var title: String
    /// Seconds since 1970.
    package var date: Int64
    package var paths: [String]
    /// True after `undo` (until `redo`).
    package var isUndone: Bool

    /// The paths, at most `limit` of them named (`a, b, c and 12 more`).
    package func pathList(limit: Int = 5) -> String {
        let named = self.paths.prefix(limit).joined(separator: ", ")
        return self.paths.count > limit ? named + " and \(self.paths.count - limit) more" : named
    }
}
