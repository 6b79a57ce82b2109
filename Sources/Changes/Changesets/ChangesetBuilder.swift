import Diffing

/// Turns parsed edits into a changeset by reading each file from the workspace, checking its
/// path, and locating every hunk with the tolerance ladder.
///
/// Each file is read once, byte for byte, and its digest recorded so a later apply can refuse a
/// file that changed in the meantime. Files that cannot be changed (escaping paths, symbolic
/// links, binary files without content, missing files, conflicting edits) stay in the changeset
/// with a refusal, so they are reported, never silently dropped.
package struct ChangesetBuilder: Sendable {
    package let workspace: WorkspaceRoot

    package init(workspace: WorkspaceRoot) {
        self.workspace = workspace
    }

    /// Parses `text` with `EditParser` and builds the changeset.
    package func build(text: [UInt8], title: String) -> Changeset {
        self.build(EditParser.parse(text), title: title)
    }

    /// Builds the changeset for `proposal`.
    package func build(_ proposal: EditProposal, title: String) -> Changeset {
        var order: [String] = []
        var groups: [String: [FileEdit]] = [:]
        for edit in proposal.edits {
            let key = (try? WorkspaceRoot.normalize(edit.path)) ?? edit.path
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(edit)
        }
        var diagnostics = proposal.diagnostics
        var files: [ChangesetFile] = []
        for path in order {
            let edits = groups[path] ?? []
            files.append(self.file(path: path, edits: edits, diagnostics: &diagnostics))
        }
        return Changeset(title: title, files: files, diagnostics: diagnostics)
    }

    // MARK: - One file

    private func file(path: String, edits: [FileEdit], diagnostics: inout [EditDiagnostic]) -> ChangesetFile {
        let renamedFrom = edits.compactMap(\.renamedFrom).first.flatMap { try? WorkspaceRoot.normalize($0) }
        let file = ChangesetFile(
            path: path, originalPath: renamedFrom == path ? nil : renamedFrom, kind: .modify, base: .absent,
            document: ByteDocument(lines: []))
        func refuse(_ reason: String) -> ChangesetFile { Self.refused(file, reason, edits: edits) }
        if let copied = edits.compactMap(\.copiedFrom).first {
            return self.copy(from: copied, to: path, edits: edits, diagnostics: &diagnostics)
        }
        // Paths.
        let sourceFull: String
        do {
            sourceFull = try self.workspace.resolve(file.sourcePath)
            if file.originalPath != nil {
                let destination = try self.workspace.resolve(path)
                if PosixFile.inspect(destination).kind != .missing {
                    return refuse("cannot rename \(file.sourcePath) to \(path): \(path) already exists")
                }
            }
        } catch {
            return refuse(error.message)
        }
        // The file as it is now.
        let (kind, mode) = PosixFile.inspect(sourceFull)
        var bytes: [UInt8] = []
        switch kind {
        case .missing:
            break
        case .regular:
            do {
                bytes = try PosixFile.read(sourceFull)
            } catch {
                return refuse(error.message)
            }
        case .directory:
            return refuse("is a directory")
        case .symbolicLink:
            return refuse("is a symbolic link; seam does not write through links")
        case .other:
            return refuse("is not a regular file")
        }
        return Self.resolve(
            file, current: kind == .regular ? (bytes, mode) : nil, edits: edits, diagnostics: &diagnostics)
    }

    /// A copy of `source` created at `path` with `edits`' hunks located in the copied text. The
    /// destination must not exist; the source must be a regular text file.
    private func copy(
        from source: String, to path: String, edits: [FileEdit], diagnostics: inout [EditDiagnostic]
    ) -> ChangesetFile {
        let normalized = (try? WorkspaceRoot.normalize(source)) ?? source
        var file = ChangesetFile(path: path, kind: .create, base: FileBase(exists: false), document: ByteDocument(lines: []))
        file.copiedFrom = normalized
        func refuse(_ reason: String) -> ChangesetFile { Self.refused(file, reason, edits: edits) }
        if edits.count > 1 || edits.contains(where: { $0.action != .modify }) {
            return refuse("conflicting edits: one copies \(normalized) here, another changes the file")
        }
        let sourceFull: String
        do {
            sourceFull = try self.workspace.resolve(normalized)
            if PosixFile.inspect(try self.workspace.resolve(path)).kind != .missing {
                return refuse("cannot copy \(normalized) to \(path): \(path) already exists")
            }
        } catch {
            return refuse(error.message)
        }
        let (kind, mode) = PosixFile.inspect(sourceFull)
        guard kind == .regular else {
            return refuse("cannot copy \(normalized): " + (kind == .missing ? "it does not exist" : "it is not a regular file"))
        }
        let bytes: [UInt8]
        do {
            bytes = try PosixFile.read(sourceFull)
        } catch {
            return refuse(error.message)
        }
        // Locate the hunks in the copied text as if it were the file, then make it a creation
        // of a file that does not exist yet, with the copied file's mode unless the edit says.
        file.kind = .modify
        var located = Self.resolve(file, current: (bytes, mode), edits: edits, diagnostics: &diagnostics)
        located.kind = .create
        located.base = FileBase(exists: false)
        if located.refusal == nil { located.newMode = located.newMode ?? mode }
        return located
    }

    /// Locates `edits` in a file whose current content is `current` (nil when it does not exist),
    /// without touching the disk: the part of building shared with in-memory callers (benchmarks,
    /// replaying git history).
    package static func resolve(
        path: String, renamedFrom: String? = nil, current: (bytes: [UInt8], mode: UInt32)?, edits: [FileEdit]
    ) -> ChangesetFile {
        var diagnostics: [EditDiagnostic] = []
        let file = ChangesetFile(
            path: path, originalPath: renamedFrom == path ? nil : renamedFrom, kind: .modify, base: .absent,
            document: ByteDocument(lines: []))
        return self.resolve(file, current: current, edits: edits, diagnostics: &diagnostics)
    }

    private static func resolve(
        _ file: ChangesetFile, current: (bytes: [UInt8], mode: UInt32)?, edits: [FileEdit],
        diagnostics: inout [EditDiagnostic]
    ) -> ChangesetFile {
        var file = file
        let path = file.path
        func refuse(_ reason: String) -> ChangesetFile { Self.refused(file, reason, edits: edits) }
        let exists = current != nil
        let bytes = current?.bytes ?? []
        let mode = current?.mode ?? 0
        let document = exists ? ByteDocument(decoding: bytes) : ByteDocument(lines: [])
        file.base = FileBase(
            exists: exists, digest: exists ? ContentDigest(of: bytes) : nil, mode: exists ? mode : nil,
            isBinary: exists && document == nil)
        file.document = document ?? ByteDocument(lines: [])
        if let special = edits.compactMap(\.newMode).first(where: { Self.permissionBits($0) == nil }) {
            let kind = special.hasPrefix("120") ? "a symbolic link" : special.hasPrefix("160") ? "a submodule" : "a special file"
            return refuse("the edit makes the path \(kind) (mode \(special)); seam changes regular files only, apply it with git")
        }
        if let requested = edits.compactMap(\.newMode).last, let bits = Self.permissionBits(requested) {
            if bits != file.base.mode { file.newMode = bits }
        }
        // What happens to the file.
        let actions = Set(edits.map(\.action))
        if actions.contains(.delete) {
            guard edits.count == 1 else { return refuse("conflicting edits: one deletes the file, another changes it") }
            guard exists else { return refuse("cannot delete: the file does not exist") }
            file.kind = .delete
            file.newMode = nil
            if !edits[0].hunks.isEmpty, document != nil {
                // A diff that deletes a file lists its lines: they must still be what is there.
                let checked = self.locateHunks(file, edits: edits)
                if let rejected = checked.hunks.first(where: { !$0.outcome.isApplied }) {
                    return refuse(
                        "cannot delete: the file differs from the content the deletion expects (\(rejected.outcome))")
                }
                file.hunks = checked.hunks
            }
            return file
        }
        if let binary = edits.first(where: { $0.binaryDescription != nil || $0.binaryContent != nil }) {
            guard let content = binary.binaryContent else {
                return refuse(
                    "binary file: the edit only says '\(binary.binaryDescription ?? "binary")'; apply binary changes with git"
                )
            }
            file.kind = exists ? .modify : .create
            file.binary = BinaryChange(summary: binary.binaryDescription ?? "binary file", content: content)
            return file
        }
        if file.base.isBinary {
            return refuse("is a binary file; text edits cannot change it")
        }
        let wholeFile = edits.filter { $0.action == .create || $0.action == .replaceWhole }
        let hunkEdits = edits.filter { $0.action == .modify && !$0.hunks.isEmpty }
        if !wholeFile.isEmpty && !hunkEdits.isEmpty {
            return refuse("conflicting edits: one replaces the whole file, another changes parts of it")
        }
        if let last = wholeFile.last {
            if wholeFile.count > 1 {
                diagnostics.append(
                    EditDiagnostic(
                        .warning, line: last.source.line, path: path, block: last.source.description,
                        "the file is given whole \(wholeFile.count) times; the last one is used"))
            }
            if last.action == .create && exists {
                if bytes == (last.content ?? []) {
                    file.hunks = Self.reports(for: edits, outcome: .applied(line: 0, offset: 0))
                    return file
                }
                return refuse("cannot create: the file already exists")
            }
            return self.replaceWhole(file, with: last, edits: edits, diagnostics: &diagnostics)
        }
        if !exists {
            // Only hunks without old lines (an empty SEARCH) can create a file.
            let insertsOnly = hunkEdits.allSatisfy { $0.hunks.allSatisfy { $0.oldLines.isEmpty } }
            guard insertsOnly && !hunkEdits.isEmpty else { return refuse("does not exist") }
            file.kind = .create
        }
        if hunkEdits.isEmpty {
            // A pure rename or mode change.
            return file
        }
        return self.locateHunks(file, edits: hunkEdits)
    }

    private static func locateHunks(_ file: ChangesetFile, edits: [FileEdit]) -> ChangesetFile {
        var file = file
        var locator = HunkLocator(document: file.document)
        var reports: [HunkReport] = []
        var blocks: [ChangeBlock] = []
        var finalNewline: Bool?
        for edit in edits {
            for hunk in edit.hunks {
                let placed = locator.place(hunk)
                let origin = reports.count
                reports.append(
                    HunkReport(
                        number: origin + 1, outcome: placed.outcome, source: edit.source, sourceLine: hunk.sourceLine))
                for block in placed.blocks {
                    blocks.append(
                        ChangeBlock(
                            id: blocks.count, oldRange: block.oldRange, newLines: block.newLines, origin: origin))
                }
                if let value = placed.finalNewline { finalNewline = value }
            }
        }
        file.hunks = reports
        file.blocks = Self.ordered(blocks)
        file.finalNewline = finalNewline
        if file.kind == .create {
            file.finalNewline = file.finalNewline ?? file.blocks.last?.newLines.last.map { $0.ending != .none }
        }
        return file
    }

    private static func replaceWhole(
        _ file: ChangesetFile, with edit: FileEdit, edits: [FileEdit], diagnostics: inout [EditDiagnostic]
    ) -> ChangesetFile {
        var file = file
        let content = edit.content ?? []
        guard let newDocument = ByteDocument(decoding: content) else {
            file.refusal = "the new content is binary"
            file.hunks = Self.reports(for: edits, outcome: .rejected(HunkRejection("the new content is binary")))
            return file
        }
        if !file.base.exists {
            file.kind = .create
            file.document = ByteDocument(encoding: newDocument.encoding, lines: [])
            if !newDocument.lines.isEmpty {
                file.blocks = [ChangeBlock(id: 0, oldRange: 0..<0, newLines: newDocument.lines, origin: 0)]
            }
            file.finalNewline = newDocument.endsWithNewline
            file.hunks = [
                HunkReport(
                    number: 1, outcome: .applied(line: 0, offset: 0), source: edit.source, sourceLine: edit.source.line)
            ]
            return file
        }
        // A block from a model is LF text: new lines take the file's line ending, and the file
        // keeps its final-newline state and encoding.
        let ending = file.document.dominantEnding
        let newLines = newDocument.lines.map { ByteLine($0.content, ending: ending) }
        let (blocks, hunkCount) = Self.blocks(from: file.document, to: newLines)
        file.blocks = blocks
        file.hunks = (0..<hunkCount).map {
            HunkReport(
                number: $0 + 1, outcome: .applied(line: 0, offset: 0), source: edit.source, sourceLine: edit.source.line
            )
        }
        let oldCount = file.document.lines.count
        if oldCount >= 20 && newLines.count * 2 < oldCount {
            diagnostics.append(
                EditDiagnostic(
                    .warning, line: edit.source.line, path: file.path, block: edit.source.description,
                    "replaces all \(oldCount) lines with \(newLines.count); if the block is only a snippet, reject it"))
        }
        return file
    }

    // MARK: - Helpers

    /// Change blocks turning `document` into `newLines` by a line diff, numbered by the hunks a
    /// diff with three lines of context would show.
    package static func blocks(
        from document: ByteDocument, to newLines: [ByteLine]
    ) -> (blocks: [ChangeBlock], hunks: Int) {
        var oldBytes: [UInt8] = []
        for line in document.lines { oldBytes += line.content + [0x0A] }
        var newBytes: [UInt8] = []
        for line in newLines { newBytes += line.content + [0x0A] }
        let diff = TextDiff(old: oldBytes, new: newBytes)
        let hunks = diff.hunks(context: 3)
        var blocks: [ChangeBlock] = []
        for op in diff.ops where op.isChange {
            let origin = hunks.firstIndex { $0.ops.contains(op) } ?? 0
            blocks.append(
                ChangeBlock(
                    id: blocks.count, oldRange: op.oldRange, newLines: Array(newLines[op.newRange]), origin: origin))
        }
        return (blocks, hunks.count)
    }

    private static func ordered(_ blocks: [ChangeBlock]) -> [ChangeBlock] {
        blocks.sorted {
            ($0.oldRange.lowerBound, $0.oldRange.upperBound, $0.origin) < (
                $1.oldRange.lowerBound, $1.oldRange.upperBound, $1.origin
            )
        }
    }

    /// `file` refused for `reason`: every hunk rejected with it, no blocks.
    private static func refused(_ file: ChangesetFile, _ reason: String, edits: [FileEdit]) -> ChangesetFile {
        var file = file
        file.refusal = reason
        file.hunks = Self.reports(for: edits, outcome: .rejected(HunkRejection(reason)))
        file.blocks = []
        return file
    }

    /// One report per hunk, and one per whole-file edit, all with `outcome`.
    private static func reports(for edits: [FileEdit], outcome: HunkOutcome) -> [HunkReport] {
        var reports: [HunkReport] = []
        for edit in edits {
            if edit.action == .create || edit.action == .replaceWhole {
                reports.append(
                    HunkReport(
                        number: reports.count + 1, outcome: outcome, source: edit.source, sourceLine: edit.source.line))
            }
            for hunk in edit.hunks {
                reports.append(
                    HunkReport(
                        number: reports.count + 1, outcome: outcome, source: edit.source, sourceLine: hunk.sourceLine))
            }
        }
        return reports
    }

    /// `100755` or `755` as permission bits; nil for symbolic links and gitlinks.
    static func permissionBits(_ mode: String) -> UInt32? {
        guard let value = UInt32(mode, radix: 8) else { return nil }
        let type = value & 0o170000
        if type != 0 && type != 0o100000 { return nil }
        return value & 0o7777
    }
}
