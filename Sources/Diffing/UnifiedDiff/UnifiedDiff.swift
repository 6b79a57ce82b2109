/// A parsed unified diff: the files it changes, and what the parser had to assume.
package struct UnifiedDiff: Hashable, Sendable {
    package var files: [FileDiff]
    /// Things a lenient parse repaired (recounted hunks, blank context lines), by patch line.
    package var notes: [Note]

    package init(files: [FileDiff], notes: [Note] = []) {
        self.files = files
        self.notes = notes
    }

    /// Something the parser repaired or skipped, at a 1-based line of the patch text.
    package struct Note: Hashable, Sendable, CustomStringConvertible {
        package var line: Int
        package var message: String

        package init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        package var description: String { "line \(self.line): \(self.message)" }
    }
}

/// A unified diff that cannot be read, with the 1-based patch line where reading failed.
package enum UnifiedDiffError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An `@@` line whose numbers cannot be read.
    case invalidHunkHeader(line: Int, text: String)
    /// The patch ended (or the next file began) before the hunk had all its lines.
    case truncatedHunk(hunkLine: Int, line: Int, missingOld: Int, missingNew: Int)
    /// A line inside a hunk that starts with none of ` `, `-`, `+`, `\`.
    case unexpectedLine(hunkLine: Int, line: Int, text: String)
    /// A hunk before any `---`/`+++` or `diff --git` header.
    case hunkWithoutFile(line: Int)
    /// A `GIT binary patch` that does not continue with `literal N` or `delta N`.
    case invalidBinaryPatch(line: Int)

    package var line: Int {
        switch self {
        case .invalidHunkHeader(let line, _), .truncatedHunk(_, let line, _, _), .unexpectedLine(_, let line, _),
            .hunkWithoutFile(let line), .invalidBinaryPatch(let line):
            line
        }
    }

    package var description: String { "line \(self.line): \(self.message)" }

    /// What is wrong, without the line number.
    package var message: String {
        switch self {
        case .invalidHunkHeader(_, let text):
            "invalid hunk header '\(text)'"
        case .truncatedHunk(let hunkLine, _, let missingOld, let missingNew):
            "the hunk starting at line \(hunkLine) ends early (\(missingOld) old and \(missingNew) new lines missing)"
        case .unexpectedLine(let hunkLine, _, let text):
            "'\(text)' inside the hunk starting at line \(hunkLine) starts with none of ' ', '-', '+'"
        case .hunkWithoutFile:
            "a hunk without a file header ('--- a/PATH' and '+++ b/PATH' or 'diff --git')"
        case .invalidBinaryPatch:
            "'GIT binary patch' must be followed by 'literal N' or 'delta N'"
        }
    }
}
