/// The changes to one file in a unified diff: git's header lines, the `---`/`+++` labels, and
/// hunks or a binary marker.
///
/// Paths are kept as written (with their `a/` `b/` prefixes, unquoted); `oldPath` and `newPath`
/// interpret them. Everything needed to format the diff again byte for byte is kept.
package struct FileDiff: Hashable, Sendable {
    /// The two paths of the `diff --git` line, unquoted, prefixes included; nil for a plain diff.
    package var gitPaths: GitPaths?
    /// Git's extended header lines, in their order.
    package var extendedHeaders: [ExtendedHeader]
    /// The `---` and `+++` labels; nil when the diff has none (a pure rename or mode change).
    package var labels: Labels?
    package var hunks: [PatchHunk]
    /// Set when the diff carries a binary marker or a binary patch instead of hunks.
    package var binary: BinaryDiff?
    /// The 1-based line where this file's diff starts in the text it was parsed from.
    package var sourceLine: Int?

    package init(
        gitPaths: GitPaths? = nil, extendedHeaders: [ExtendedHeader] = [], labels: Labels?,
        hunks: [PatchHunk] = [], binary: BinaryDiff? = nil
    ) {
        self.gitPaths = gitPaths
        self.extendedHeaders = extendedHeaders
        self.labels = labels
        self.hunks = hunks
        self.binary = binary
    }

    /// The `diff --git` paths.
    package struct GitPaths: Hashable, Sendable {
        package var old: String
        package var new: String

        package init(old: String, new: String) {
            self.old = old
            self.new = new
        }
    }

    /// The `---` and `+++` labels.
    package struct Labels: Hashable, Sendable {
        package var old: FileLabel
        package var new: FileLabel

        package init(old: FileLabel, new: FileLabel) {
            self.old = old
            self.new = new
        }
    }
}

/// A `---` or `+++` label: `/dev/null` or a path with optional text after a tab (a timestamp,
/// or nothing: git adds a bare tab after names containing spaces).
package enum FileLabel: Hashable, Sendable {
    case devNull
    case path(String, suffix: String?)

    /// The path, or nil for `/dev/null`.
    package var path: String? {
        if case .path(let path, _) = self { return path }
        return nil
    }
}

/// One of git's extended header lines between `diff --git` and `---`.
package enum ExtendedHeader: Hashable, Sendable {
    case oldMode(String)
    case newMode(String)
    case deletedFileMode(String)
    case newFileMode(String)
    case copyFrom(String)
    case copyTo(String)
    case renameFrom(String)
    case renameTo(String)
    case similarityIndex(Int)
    case dissimilarityIndex(Int)
    /// `index OLD..NEW [MODE]`.
    case index(old: String, new: String, mode: String?)
    /// A header line this parser does not interpret, kept verbatim.
    case other(String)
}

/// What a diff says about a binary file.
package enum BinaryDiff: Hashable, Sendable {
    /// `Binary files A and B differ`: the content is not in the diff. The line is kept verbatim.
    case marker(String)
    /// `GIT binary patch` followed by literal or delta blocks, kept verbatim (base85 lines).
    case gitBinaryPatch([String])
}

extension FileDiff {
    /// The old path with `strip` leading components removed (`-p1` is 1), from the most reliable
    /// source: rename/copy headers (which carry no prefix), then the `---` label, then
    /// `diff --git`. Nil for a created file.
    package func oldPath(strip: Int) -> String? {
        if self.isCreation { return nil }
        for header in self.extendedHeaders {
            if case .renameFrom(let path) = header { return path }
            if case .copyFrom(let path) = header { return path }
        }
        if let labels, let path = labels.old.path { return Self.strip(path, strip) }
        if let gitPaths { return Self.strip(gitPaths.old, strip) }
        return nil
    }

    /// The new path with `strip` leading components removed; nil for a deleted file.
    package func newPath(strip: Int) -> String? {
        if self.isDeletion { return nil }
        for header in self.extendedHeaders {
            if case .renameTo(let path) = header { return path }
            if case .copyTo(let path) = header { return path }
        }
        if let labels, let path = labels.new.path { return Self.strip(path, strip) }
        if let gitPaths { return Self.strip(gitPaths.new, strip) }
        return nil
    }

    /// True when the diff creates the file.
    package var isCreation: Bool {
        if self.extendedHeaders.contains(where: { if case .newFileMode = $0 { true } else { false } }) { return true }
        if let labels, case .devNull = labels.old { return true }
        return false
    }

    /// True when the diff deletes the file.
    package var isDeletion: Bool {
        if self.extendedHeaders.contains(where: { if case .deletedFileMode = $0 { true } else { false } }) {
            return true
        }
        if let labels, case .devNull = labels.new { return true }
        return false
    }

    /// True when the diff renames the file.
    package var isRename: Bool {
        self.extendedHeaders.contains { if case .renameFrom = $0 { true } else { false } }
    }

    /// The file the diff copies (`copy from`), if it is a copy.
    package var copySource: String? {
        for header in self.extendedHeaders {
            if case .copyFrom(let path) = header { return path }
        }
        return nil
    }

    /// The mode the file had, from `old mode` / `deleted file mode` / `index … MODE`.
    package var oldMode: String? {
        for header in self.extendedHeaders {
            switch header {
            case .oldMode(let mode), .deletedFileMode(let mode): return mode
            case .index(_, _, let mode?): return mode
            default: continue
            }
        }
        return nil
    }

    /// The mode the file gets, from `new mode` / `new file mode` / `index … MODE`.
    package var newMode: String? {
        for header in self.extendedHeaders {
            switch header {
            case .newMode(let mode), .newFileMode(let mode): return mode
            case .index(_, _, let mode?): return mode
            default: continue
            }
        }
        return nil
    }

    /// `path` without its first `count` components (unchanged when it has too few).
    package static func strip(_ path: String, _ count: Int) -> String {
        var rest = Substring(path)
        for _ in 0..<count {
            guard let slash = rest.firstIndex(of: "/") else { return path }
            rest = rest[rest.index(after: slash)...]
        }
        return String(rest)
    }
}
