import CodeIndex

/// One file's change proposed by a codemod: a modification, a creation, a deletion or a rename
/// (with or without new contents). Codemods only return these; applying them is the Changes
/// module's job (through `MigrationApplier`).
package struct FileChange: Sendable, Equatable {
    /// The path before (relative to the project root); nil for a new file.
    package var oldPath: String?
    /// The path after; nil for a deletion.
    package var newPath: String?
    /// The text before; nil for a new file.
    package var oldText: String?
    /// The text after; nil for a deletion.
    package var newText: String?

    /// A modification of `path`.
    package static func modify(_ path: String, from oldText: String, to newText: String) -> FileChange {
        FileChange(oldPath: path, newPath: path, oldText: oldText, newText: newText)
    }

    /// A new file.
    package static func create(_ path: String, _ text: String) -> FileChange {
        FileChange(oldPath: nil, newPath: path, oldText: nil, newText: text)
    }

    /// A rename, possibly with new contents.
    package static func rename(_ oldPath: String, to newPath: String, from oldText: String, to newText: String) -> FileChange {
        FileChange(oldPath: oldPath, newPath: newPath, oldText: oldText, newText: newText)
    }

    /// The path shown for this change (the new one when renamed).
    package var displayPath: String { self.newPath ?? self.oldPath ?? "" }

    /// True when the path changes.
    package var isRename: Bool { self.oldPath != nil && self.newPath != nil && self.oldPath != self.newPath }

    /// Lines added and removed (a line-multiset estimate, cheap enough for plans).
    package var lineCounts: (added: Int, removed: Int) {
        let old = (self.oldText ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = (self.newText ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var counts: [String: Int] = [:]
        for line in old { counts[line, default: 0] += 1 }
        var added = 0
        for line in new {
            if let count = counts[line], count > 0 { counts[line] = count - 1 } else { added += 1 }
        }
        let removed = counts.values.reduce(0, +)
        return (self.oldText == nil ? new.count : added, self.newText == nil ? old.count : removed)
    }
}

/// Something a codemod noticed and left as it was, with the reason.
package struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// The file (relative path).
    package var path: String
    /// 1-based line, when it points at one.
    package var line: Int?
    /// What was left and why, lowercase ("left require('./x') as is: inside a function").
    package var message: String

    package init(_ path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    package var description: String {
        if self.path.isEmpty { return self.message }
        return self.line.map { "\(self.path):\($0): \(self.message)" } ?? "\(self.path): \(self.message)"
    }
}

/// What a codemod returns: file changes and findings. Running it again on the result returns no changes.
package struct CodemodResult: Sendable, Equatable {
    package var changes: [FileChange] = []
    package var findings: [Finding] = []

    package init(changes: [FileChange] = [], findings: [Finding] = []) {
        self.changes = changes
        self.findings = findings
    }

    /// True when nothing would change.
    package var isEmpty: Bool { self.changes.isEmpty }
}

extension ProjectSnapshot {
    /// This snapshot with `changes` applied in memory.
    package func applying(_ changes: [FileChange]) -> ProjectSnapshot {
        var result = self
        for change in changes {
            if let oldPath = change.oldPath { result.files[oldPath] = nil }
        }
        for change in changes {
            if let newPath = change.newPath, let text = change.newText { result.files[newPath] = text }
        }
        return result
    }

    /// The changes that turn this snapshot into `other` (paths present in either).
    package func changes(to other: ProjectSnapshot) -> [FileChange] {
        var changes: [FileChange] = []
        for path in Set(self.files.keys).union(other.files.keys).sorted() {
            let old = self.files[path]
            let new = other.files[path]
            if old == new { continue }
            changes.append(FileChange(oldPath: old == nil ? nil : path, newPath: new == nil ? nil : path, oldText: old, newText: new))
        }
        return changes
    }
}
