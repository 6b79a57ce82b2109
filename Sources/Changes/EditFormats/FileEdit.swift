import Diffing

/// A proposed change to one file as an edit format states it, before it is located in the file.
package struct FileEdit: Hashable, Sendable {
    /// What the edit does to the file as a whole.
    package enum Action: Hashable, Sendable {
        /// Change the existing file by hunks (and possibly rename it or change its mode).
        case modify
        /// Create the file with `content`.
        case create
        /// Delete the file.
        case delete
        /// Replace the whole file with `content` (creating it when missing).
        case replaceWhole
    }

    /// The file's path as written in the edit (relative to the workspace; the new path for a rename).
    package var path: String
    /// For a rename: the path the file has now.
    package var renamedFrom: String?
    /// For a copy (git's `copy from`): the file copied. Copies are refused with a clear reason.
    package var copiedFrom: String?
    package var action: Action
    /// Hunks to locate and apply, in order.
    package var hunks: [EditHunk]
    /// The new content for `.create` and `.replaceWhole`.
    package var content: [UInt8]?
    /// The mode the file should have (`100755`), when the edit says.
    package var newMode: String?
    /// Set when the edit changes a binary file; the text says what the edit shows about it.
    package var binaryDescription: String?
    /// The binary file's new bytes, when known (from git, not from a patch text).
    package var binaryContent: [UInt8]?
    /// Where the edit came from, for messages.
    package var source: EditSource

    package init(
        path: String, renamedFrom: String? = nil, action: Action, hunks: [EditHunk] = [], content: [UInt8]? = nil,
        newMode: String? = nil, binaryDescription: String? = nil, source: EditSource
    ) {
        self.path = path
        self.renamedFrom = renamedFrom
        self.action = action
        self.hunks = hunks
        self.content = content
        self.newMode = newMode
        self.binaryDescription = binaryDescription
        self.source = source
    }
}

/// Which edit format a change came from, and where in the text.
package struct EditSource: Hashable, Sendable, CustomStringConvertible {
    /// The edit formats models write.
    package enum Format: String, Hashable, Sendable {
        case unifiedDiff = "unified diff"
        case searchReplace = "SEARCH/REPLACE block"
        case applyPatch = "*** Begin Patch envelope"
        case wholeFile = "whole-file block"
        case gitRevision = "git revision"
    }

    package var format: Format
    /// 1-based block number among blocks of this format in the text.
    package var block: Int
    /// 1-based line in the text where the block starts.
    package var line: Int

    package init(format: Format, block: Int, line: Int) {
        self.format = format
        self.block = block
        self.line = line
    }

    package var description: String { "\(self.format.rawValue) \(self.block) (line \(self.line))" }
}

/// One change to locate in a file: the lines it expects (context and deletions) and the lines it
/// leaves (context and additions), with whatever the format says about where it goes.
package struct EditHunk: Hashable, Sendable {
    /// The hunk's lines; text may end in `\r` when the edit carried CRLF.
    package var lines: [PatchLine]
    /// The 0-based old line where the hunk should start, from a diff's `@@` numbers.
    package var expectedLine: Int?
    /// Lines to find first, in order (an apply_patch `@@ class Foo` header); the hunk is searched
    /// after the last of them.
    package var anchors: [[UInt8]]
    /// The hunk's old side must end at the end of the file (`*** End of File`).
    package var atEndOfFile: Bool
    /// More than one match is an error rather than a choice (SEARCH/REPLACE has no line numbers).
    package var requireUnique: Bool
    /// 1-based line in the edit text where the hunk starts.
    package var sourceLine: Int

    package init(
        lines: [PatchLine], expectedLine: Int? = nil, anchors: [[UInt8]] = [], atEndOfFile: Bool = false,
        requireUnique: Bool = false, sourceLine: Int
    ) {
        self.lines = lines
        self.expectedLine = expectedLine
        self.anchors = anchors
        self.atEndOfFile = atEndOfFile
        self.requireUnique = requireUnique
        self.sourceLine = sourceLine
    }

    /// Context and deleted lines: what must be found.
    package var oldLines: [PatchLine] { self.lines.filter { $0.kind != .addition } }
    /// Context and added lines: what is left.
    package var newLines: [PatchLine] { self.lines.filter { $0.kind != .deletion } }
}

/// A problem found while reading edits, located precisely.
package struct EditDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious: errors mean an edit could not be read and was not used.
    package enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    package var severity: Severity
    /// 1-based line of the edit text.
    package var line: Int
    /// The file the problem concerns, when known.
    package var path: String?
    /// The block (format and number), when the problem is inside one.
    package var block: String?
    package var message: String

    package init(_ severity: Severity, line: Int, path: String? = nil, block: String? = nil, _ message: String) {
        self.severity = severity
        self.line = line
        self.path = path
        self.block = block
        self.message = message
    }

    package var description: String {
        var text = "\(self.severity.rawValue): line \(self.line)"
        if let path { text += ", \(path)" }
        if let block { text += ", \(block)" }
        return text + ": " + self.message
    }
}

/// Everything read from an edit text: the file edits, and what could not be read.
package struct EditProposal: Hashable, Sendable {
    package var edits: [FileEdit]
    package var diagnostics: [EditDiagnostic]

    package init(edits: [FileEdit] = [], diagnostics: [EditDiagnostic] = []) {
        self.edits = edits
        self.diagnostics = diagnostics
    }

    /// True when any edit could not be read.
    package var hasErrors: Bool { self.diagnostics.contains { $0.severity == .error } }
}
