/// A proposed multi-file change, located in the workspace and ready for review: files, each with
/// change blocks over its current text, per-hunk outcomes, and everything that was refused.
///
/// Nothing here has touched disk; `ChangeReview` records decisions and `ChangeWriter` applies
/// the result.
package struct Changeset: Hashable, Sendable {
    /// What the change is (a patch file name, `git abc1234`, "model answer").
    package var title: String
    package var files: [ChangesetFile]
    /// Problems reading the edits and warnings from locating them.
    package var diagnostics: [EditDiagnostic]

    package init(title: String, files: [ChangesetFile], diagnostics: [EditDiagnostic] = []) {
        self.title = title
        self.files = files
        self.diagnostics = diagnostics
    }

}

/// One file of a changeset.
package struct ChangesetFile: Hashable, Sendable {
    /// What happens to the file as a whole.
    package enum Kind: Hashable, Sendable {
        case modify, create, delete
    }

    /// The workspace-relative path the file ends up at.
    package var path: String
    /// For a rename: where the file is now.
    package var originalPath: String?
    /// For a copy (git's `copy from`): the file copied. The file is then created at `path`
    /// (`kind` is `.create`) from `document`, the copied file's text, with `blocks` applied.
    package var copiedFrom: String?
    package var kind: Kind
    /// The file on disk when the change was proposed.
    package var base: FileBase
    /// The current text (empty for created and binary files).
    package var document: ByteDocument
    /// Content changes over `document`, in line order, non-overlapping.
    package var blocks: [ChangeBlock]
    /// One report per hunk of the edit, in the edit's order (`PATH:N` numbers these from 1).
    package var hunks: [HunkReport]
    /// Permission bits the file should get (0o755), when they change.
    package var newMode: UInt32?
    /// A binary file's change.
    package var binary: BinaryChange?
    /// Why nothing about this file can be applied (escaping path, binary without content, …).
    package var refusal: String?
    /// Whether the file ends with a newline afterwards, when the edit says so explicitly.
    package var finalNewline: Bool?

    package init(
        path: String, originalPath: String? = nil, kind: Kind, base: FileBase, document: ByteDocument,
        blocks: [ChangeBlock] = [], hunks: [HunkReport] = [], newMode: UInt32? = nil, binary: BinaryChange? = nil,
        refusal: String? = nil, finalNewline: Bool? = nil
    ) {
        self.path = path
        self.originalPath = originalPath
        self.kind = kind
        self.base = base
        self.document = document
        self.blocks = blocks
        self.hunks = hunks
        self.newMode = newMode
        self.binary = binary
        self.refusal = refusal
        self.finalNewline = finalNewline
    }

    /// The path the file has before the change.
    package var sourcePath: String { self.originalPath ?? self.path }

    /// True when the change does something beyond content blocks: rename, mode change, deletion,
    /// creation of an empty file, or a binary replacement. Such an operation is decided as a whole.
    package var hasFileOperation: Bool {
        self.originalPath != nil || self.copiedFrom != nil || (self.newMode != nil && self.kind != .create)
            || self.kind == .delete || self.binary != nil || (self.kind == .create && self.blocks.isEmpty)
    }

    /// A one-line description of the file-level operation, if any.
    package var fileOperationDescription: String? {
        guard self.hasFileOperation else { return nil }
        var parts: [String] = []
        switch self.kind {
        case .delete: parts.append("delete \(self.path) (\(self.document.lines.count) lines)")
        case .create where self.copiedFrom != nil:
            parts.append("copy \(self.copiedFrom ?? "") → \(self.path) (\(self.document.lines.count) lines)")
        case .create where self.blocks.isEmpty && self.binary == nil: parts.append("create empty file \(self.path)")
        default: break
        }
        if let originalPath { parts.append("rename \(originalPath) → \(self.path)") }
        if let newMode, self.kind != .create {
            let old = self.base.mode.map { String($0, radix: 8) } ?? "none"
            parts.append("mode \(old) → \(String(newMode, radix: 8))")
        }
        if let binary { parts.append("binary: \(binary.description)") }
        return parts.joined(separator: "; ")
    }
}

/// The file on disk when a change was proposed, to notice later edits.
package struct FileBase: Hashable, Sendable {
    package var exists: Bool
    /// SHA-256 of the bytes, when the file exists.
    package var digest: ContentDigest?
    /// Permission bits, when the file exists.
    package var mode: UInt32?
    package var isBinary: Bool

    package init(exists: Bool, digest: ContentDigest? = nil, mode: UInt32? = nil, isBinary: Bool = false) {
        self.exists = exists
        self.digest = digest
        self.mode = mode
        self.isBinary = isBinary
    }

    /// No file.
    package static let absent = FileBase(exists: false)
}

/// One contiguous content change: old lines replaced by new lines.
package struct ChangeBlock: Hashable, Sendable, Identifiable {
    /// Stable within its file (edits of a hunk create blocks with new ids).
    package var id: Int
    /// The lines of the file's current text replaced.
    package var oldRange: Range<Int>
    /// The lines that replace them.
    package var newLines: [ByteLine]
    /// The 0-based index of the edit hunk the block came from.
    package var origin: Int

    package init(id: Int, oldRange: Range<Int>, newLines: [ByteLine], origin: Int) {
        self.id = id
        self.oldRange = oldRange
        self.newLines = newLines
        self.origin = origin
    }
}

/// What happened to one hunk of an edit.
package struct HunkReport: Hashable, Sendable {
    /// 1-based in the file's edit order.
    package var number: Int
    package var outcome: HunkOutcome
    /// Where the hunk is in the edit text.
    package var source: EditSource
    /// 1-based line of the hunk in the edit text.
    package var sourceLine: Int

    package init(number: Int, outcome: HunkOutcome, source: EditSource, sourceLine: Int) {
        self.number = number
        self.outcome = outcome
        self.source = source
        self.sourceLine = sourceLine
    }
}

/// A binary file's change.
package struct BinaryChange: Hashable, Sendable, CustomStringConvertible {
    /// What the edit said (`Binary files a/x and b/x differ`).
    package var summary: String
    /// The new bytes.
    package var content: [UInt8]

    package init(summary: String, content: [UInt8]) {
        self.summary = summary
        self.content = content
    }

    package var description: String { "\(self.summary) (\(self.content.count) bytes)" }
}
