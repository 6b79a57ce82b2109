/// The project memory sent to the model: the `AGENTS.md` files (or `CLAUDE.md` where a
/// directory has no `AGENTS.md`) from the workspace root down to the current directory, within
/// a byte cap.
///
/// `text` is exactly what goes into the prompt, and what the memory pane shows; `byteCount`
/// never exceeds `byteCap` unless even the omission markers alone do not fit. When over the
/// cap, the least specific file (the root's) is truncated first, then dropped, then the next;
/// each cut is marked in the text.
package struct MemoryContext: Hashable, Sendable {
    /// One memory file.
    package struct File: Hashable, Sendable {
        /// Which convention the file follows.
        package enum Kind: String, Hashable, Sendable {
            case agents = "AGENTS.md"
            case claude = "CLAUDE.md"
        }

        /// The workspace-relative path.
        package var path: String
        /// AGENTS.md or CLAUDE.md.
        package var kind: Kind
        /// The file's size on disk.
        package var size: Int
        /// The text included in `MemoryContext.text` (after any truncation, marker excluded).
        package var includedText: String
        /// Bytes of the file left out by the cap (0 when whole).
        package var omittedBytes: Int

        /// True when part or all of the file was left out.
        package var isTruncated: Bool { self.omittedBytes > 0 }
        /// True when the whole file was left out.
        package var isOmitted: Bool { self.includedText.isEmpty && self.size > 0 }
    }

    /// The files, least specific (root) first.
    package var files: [File]
    /// The cap the text was fitted into.
    package var byteCap: Int
    /// The rendered memory, exactly as sent.
    package var text: String

    /// The UTF-8 size of `text`.
    package var byteCount: Int { self.text.utf8.count }
    /// The sum of the files' sizes on disk.
    package var totalSize: Int { self.files.reduce(0) { $0 + $1.size } }
    /// True when the cap cut anything.
    package var isTruncated: Bool { self.files.contains { $0.isTruncated } }

    /// The header line that precedes each file's text.
    package static func header(for file: File) -> String {
        "<!-- \(file.path) (\(file.size) bytes) -->\n"
    }

    /// The marker line that replaces what the cap removed from a file.
    package static func marker(omitted: Int, of size: Int, path: String) -> String {
        "[… \(omitted) of \(size) bytes of \(path) omitted by the memory cap …]\n"
    }
}
