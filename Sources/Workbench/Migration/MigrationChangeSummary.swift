import Codemods

/// What a step changes, reduced to what the walkthrough shows: file counts, line counts, one
/// entry per file, and the codemod's findings (what it left as it was, and why).
package struct MigrationChangeSummary: Hashable, Sendable {
    /// One changed file.
    package struct Entry: Hashable, Sendable {
        /// The path shown (`old → new` for a rename).
        package var label: String
        /// Lines added.
        package var added: Int
        /// Lines removed.
        package var removed: Int
        /// True for a file the step creates.
        package var isNew: Bool
        /// True for a file the step renames.
        package var isRename: Bool

        package init(label: String, added: Int, removed: Int, isNew: Bool = false, isRename: Bool = false) {
            self.label = label
            self.added = added
            self.removed = removed
            self.isNew = isNew
            self.isRename = isRename
        }
    }

    /// One entry per changed file, in the codemod's order.
    package var entries: [Entry]
    /// What the codemod noticed and left alone (`path:line: message`).
    package var findings: [String]

    package init(entries: [Entry] = [], findings: [String] = []) {
        self.entries = entries
        self.findings = findings
    }

    /// The summary of a codemod's result.
    package init(_ result: CodemodResult) {
        self.entries = result.changes.map { change in
            let counts = change.lineCounts
            let label = change.isRename ? "\(change.oldPath ?? "") → \(change.newPath ?? "")" : change.displayPath
            return Entry(
                label: label, added: counts.added, removed: counts.removed, isNew: change.oldPath == nil,
                isRename: change.isRename)
        }
        self.findings = result.findings.map(\.description)
    }

    /// True when the step would change nothing.
    package var isEmpty: Bool { self.entries.isEmpty }
    /// Files changed.
    package var fileCount: Int { self.entries.count }
    /// Files renamed.
    package var renameCount: Int { self.entries.filter(\.isRename).count }
    /// Files created.
    package var newCount: Int { self.entries.filter(\.isNew).count }
    /// Lines added in all files.
    package var added: Int { self.entries.reduce(0) { $0 + $1.added } }
    /// Lines removed in all files.
    package var removed: Int { self.entries.reduce(0) { $0 + $1.removed } }

    /// `3 files (2 renamed, 1 new) +12 -4`, or `no changes`.
    package var line: String {
        guard !self.isEmpty else { return "no changes" }
        var parts: [String] = []
        if self.renameCount > 0 { parts.append("\(self.renameCount) renamed") }
        if self.newCount > 0 { parts.append("\(self.newCount) new") }
        let files = "\(self.fileCount) file\(self.fileCount == 1 ? "" : "s")"
        return files + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
            + " +\(self.added) -\(self.removed)"
    }

    /// `3 files +12 -4`, or `no changes`: the line for narrow tables.
    package var shortLine: String {
        guard !self.isEmpty else { return "no changes" }
        return "\(self.fileCount) file\(self.fileCount == 1 ? "" : "s") +\(self.added) -\(self.removed)"
    }
}
