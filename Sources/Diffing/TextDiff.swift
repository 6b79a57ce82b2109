/// The line diff of two texts: interned lines, the compacted ops, and hunks and unified diffs on
/// request. The entry point for callers that have two versions of a file.
package struct TextDiff: Sendable {
    package let old: TextLines
    package let new: TextLines
    /// The edit script, compacted for readability.
    package let ops: [DiffOp]

    /// Diffs `old` against `new` with `algorithm`.
    ///
    /// - Parameter minimal: disables Myers' cost limit (slower on pathological inputs).
    package init(old: TextLines, new: TextLines, algorithm: DiffAlgorithm = .myers, minimal: Bool = false) {
        var interner = LineInterner()
        let oldIDs = interner.intern(old)
        let newIDs = interner.intern(new)
        let marks = algorithm.changeMarks(old: oldIDs, new: newIDs, minimal: minimal)
        self.old = old
        self.new = new
        self.ops = [DiffOp](oldChanged: marks.old, newChanged: marks.new).compacted(
            old: oldIDs, new: newIDs, oldShapes: LineShape.shapes(of: old), newShapes: LineShape.shapes(of: new))
    }

    /// Diffs two byte buffers.
    package init(old: [UInt8], new: [UInt8], algorithm: DiffAlgorithm = .myers) {
        self.init(old: TextLines(old), new: TextLines(new), algorithm: algorithm)
    }

    /// True when the texts are byte-identical.
    package var isEmpty: Bool { !self.ops.contains(where: \.isChange) }

    /// The hunks with `context` unchanged lines around each change.
    package func hunks(context: Int = 3) -> [Hunk] {
        self.ops.hunks(context: context)
    }

    /// `hunk` with its text, ready to format.
    package func patchHunk(_ hunk: Hunk) -> PatchHunk {
        var lines: [PatchLine] = []
        for op in hunk.ops {
            switch op.kind {
            case .equal:
                for index in op.oldRange { lines.append(self.oldLine(index, .context)) }
            case .delete:
                for index in op.oldRange { lines.append(self.oldLine(index, .deletion)) }
            case .insert:
                for index in op.newRange { lines.append(self.newLine(index, .addition)) }
            case .replace:
                for index in op.oldRange { lines.append(self.oldLine(index, .deletion)) }
                for index in op.newRange { lines.append(self.newLine(index, .addition)) }
            }
        }
        return PatchHunk(oldIndex: hunk.oldRange.lowerBound, newIndex: hunk.newRange.lowerBound, lines: lines)
    }

    /// A git-style file diff (`diff --git a/OLD b/NEW`, `---`/`+++`, hunks) with `context` lines
    /// of context. `oldPath` nil means a created file, `newPath` nil a deleted one.
    package func fileDiff(oldPath: String?, newPath: String?, context: Int = 3) -> FileDiff {
        let gitOld = oldPath ?? newPath ?? ""
        let gitNew = newPath ?? oldPath ?? ""
        var headers: [ExtendedHeader] = []
        if oldPath == nil { headers.append(.newFileMode("100644")) }
        if newPath == nil { headers.append(.deletedFileMode("100644")) }
        if let oldPath, let newPath, oldPath != newPath {
            headers.append(.renameFrom(oldPath))
            headers.append(.renameTo(newPath))
        }
        let hunks = self.hunks(context: context).map(self.patchHunk)
        return FileDiff(
            gitPaths: FileDiff.GitPaths(old: "a/" + gitOld, new: "b/" + gitNew), extendedHeaders: headers,
            labels: hunks.isEmpty
                ? nil
                : FileDiff.Labels(
                    old: oldPath.map { .path("a/" + $0, suffix: $0.contains(" ") ? "" : nil) } ?? .devNull,
                    new: newPath.map { .path("b/" + $0, suffix: $0.contains(" ") ? "" : nil) } ?? .devNull),
            hunks: hunks)
    }

    private func oldLine(_ index: Int, _ kind: PatchLine.Kind) -> PatchLine {
        PatchLine(kind, Array(self.old[index]), hasNewline: self.old.hasNewline(index))
    }

    private func newLine(_ index: Int, _ kind: PatchLine.Kind) -> PatchLine {
        PatchLine(kind, Array(self.new[index]), hasNewline: self.new.hasNewline(index))
    }
}
