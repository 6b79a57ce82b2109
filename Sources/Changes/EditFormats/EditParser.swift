import Diffing

/// Reads the edit formats models write into file edits, reporting every block it cannot use.
///
/// Recognised anywhere in the text, fenced in markdown or not:
/// - unified diffs (`diff --git` or `---`/`+++` headers, with or without `a/` `b/` prefixes),
///   read leniently (wrong hunk counts are recounted, bare `@@` lines allowed);
/// - SEARCH/REPLACE blocks (`<<<<<<< SEARCH`, `=======`, `>>>>>>> REPLACE`) after a line naming
///   the file (or in a fence whose info string names it);
/// - the `*** Begin Patch` … `*** End Patch` envelope with Add, Update (and Move to), Delete;
/// - whole-file replacements: a line naming a file followed by a fenced block with no other
///   edit format in it.
/// A malformed block becomes an error diagnostic with its line, block number and file; nothing
/// is dropped without one.
package enum EditParser {
    /// Parses every edit in `text`.
    package static func parse(_ text: String) -> EditProposal {
        self.parse(Array(text.utf8))
    }

    /// Parses every edit in `bytes`.
    package static func parse(_ bytes: [UInt8]) -> EditProposal {
        var scanner = EditScanner(bytes)
        scanner.scan(0..<scanner.lines.count, fence: nil)
        return EditProposal(edits: scanner.edits, diagnostics: scanner.diagnostics)
    }
}

/// The state of one parse: the text's lines, what was found, and block counters per format.
private struct EditScanner {
    let lines: [[UInt8]]
    var edits: [FileEdit] = []
    var diagnostics: [EditDiagnostic] = []
    var diffBlocks = 0
    var searchBlocks = 0
    var envelopeBlocks = 0
    var wholeFileBlocks = 0

    /// A markdown fence being scanned: where it opened and a path its info string names.
    struct Fence {
        var openLine: Int
        var infoPath: String?
        /// A path named on the line before the fence.
        var precedingPath: String?
    }

    init(_ bytes: [UInt8]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }
        self.lines = lines
    }

    /// Line `index` without `\r` and trailing spaces.
    func text(_ index: Int) -> String {
        var line = self.lines[index][...]
        while let last = line.last, last == 0x0D || last == 0x20 || last == 0x09 { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }

    /// Line `index` without a trailing `\r` only.
    func raw(_ index: Int) -> String {
        var line = self.lines[index][...]
        if line.last == 0x0D { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }

    // MARK: - Scanning

    mutating func scan(_ range: Range<Int>, fence: Fence?) {
        var index = range.lowerBound
        var lastPath: String? = fence?.infoPath ?? fence?.precedingPath
        while index < range.upperBound {
            let line = self.text(index)
            if fence == nil, let marker = Self.fenceMarker(line) {
                let end = self.fenceEnd(opening: index, marker: marker, limit: range.upperBound)
                self.handleFence(open: index, end: end.contentEnd, closed: end.closed)
                index = end.closed ? end.contentEnd + 1 : end.contentEnd
                continue
            }
            if line == "*** Begin Patch" {
                index = self.parseEnvelope(from: index, limit: range.upperBound)
                continue
            }
            if Self.isMarker(line, "<", "SEARCH") {
                let path = self.pathBefore(index, lowerBound: range.lowerBound) ?? lastPath
                lastPath = path
                index = self.parseSearchReplace(from: index, limit: range.upperBound, path: path)
                continue
            }
            if self.startsDiff(index, limit: range.upperBound) {
                let end = self.diffEnd(from: index, limit: range.upperBound)
                self.parseUnifiedDiff(index..<end)
                index = end
                continue
            }
            index += 1
        }
    }

    /// Handles a fenced block: scans it for edit formats, else treats it as a whole file.
    mutating func handleFence(open: Int, end: Int, closed: Bool) {
        let info = String(self.text(open).drop { $0 == "`" || $0 == "~" })
        let fence = Fence(
            openLine: open, infoPath: Self.pathInInfoString(info), precedingPath: self.pathBefore(open, lowerBound: 0))
        let editsBefore = self.edits.count
        let diagnosticsBefore = self.diagnostics.count
        let content = (open + 1)..<end
        self.scan(content, fence: fence)
        guard self.edits.count == editsBefore && self.diagnostics.count == diagnosticsBefore else { return }
        guard let path = fence.infoPath ?? fence.precedingPath else {
            if !content.isEmpty {
                self.diagnostics.append(
                    EditDiagnostic(
                        .note, line: open + 1, "fenced block has no file path before it; not treated as an edit"))
            }
            return
        }
        self.wholeFileBlocks += 1
        let source = EditSource(format: .wholeFile, block: self.wholeFileBlocks, line: open + 1)
        if !closed {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: open + 1, path: path, block: source.description,
                    "the fenced block is not closed (the answer may be cut off); not used"))
            return
        }
        var bytes: [UInt8] = []
        for index in content {
            bytes += self.lines[index]
            bytes.append(0x0A)
        }
        self.edits.append(FileEdit(path: path, action: .replaceWhole, content: bytes, source: source))
    }

    // MARK: - SEARCH/REPLACE

    mutating func parseSearchReplace(from start: Int, limit: Int, path: String?) -> Int {
        self.searchBlocks += 1
        let source = EditSource(format: .searchReplace, block: self.searchBlocks, line: start + 1)
        var index = start + 1
        var search: [[UInt8]] = []
        while index < limit && !self.isSearchReplaceMarker(index) {
            search.append(self.lines[index])
            index += 1
        }
        guard index < limit, Self.isDivider(self.text(index)) else {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: start + 1, path: path, block: source.description,
                    "missing '=======' between SEARCH and REPLACE" + self.foundInstead(index, limit)))
            return index
        }
        index += 1
        var replace: [[UInt8]] = []
        while index < limit && !self.isSearchReplaceMarker(index) {
            replace.append(self.lines[index])
            index += 1
        }
        guard index < limit, Self.isMarker(self.text(index), ">", "REPLACE") else {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: start + 1, path: path, block: source.description,
                    "missing '>>>>>>> REPLACE' at the end of the block" + self.foundInstead(index, limit)))
            return index
        }
        index += 1
        guard let path else {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: start + 1, block: source.description,
                    "no file path on the line before the block (write the path, then the block)"))
            return index
        }
        let hunk = EditHunk(
            lines: Self.diffLines(search, replace), expectedLine: nil, atEndOfFile: search.isEmpty,
            requireUnique: true, sourceLine: start + 1)
        self.edits.append(FileEdit(path: path, action: .modify, hunks: [hunk], source: source))
        return index
    }

    private func isSearchReplaceMarker(_ index: Int) -> Bool {
        let line = self.text(index)
        return Self.isDivider(line) || Self.isMarker(line, "<", "SEARCH") || Self.isMarker(line, ">", "REPLACE")
    }

    private func foundInstead(_ index: Int, _ limit: Int) -> String {
        index < limit ? " (found '\(self.text(index))' at line \(index + 1))" : " (the text ended first)"
    }

    /// A SEARCH/REPLACE pair as hunk lines: lines common to both stay context.
    static func diffLines(_ old: [[UInt8]], _ new: [[UInt8]]) -> [PatchLine] {
        var interner = LineInterner()
        let oldIDs = old.map { interner.intern($0[...]) }
        let newIDs = new.map { interner.intern($0[...]) }
        var result: [PatchLine] = []
        for op in DiffAlgorithm.myers.ops(old: oldIDs, new: newIDs) {
            switch op.kind {
            case .equal:
                result += op.oldRange.map { PatchLine(.context, old[$0]) }
            case .delete, .insert, .replace:
                result += op.oldRange.map { PatchLine(.deletion, old[$0]) }
                result += op.newRange.map { PatchLine(.addition, new[$0]) }
            }
        }
        return result
    }

    // MARK: - *** Begin Patch

    mutating func parseEnvelope(from start: Int, limit: Int) -> Int {
        self.envelopeBlocks += 1
        let source = EditSource(format: .applyPatch, block: self.envelopeBlocks, line: start + 1)
        var index = start + 1
        while index < limit {
            let line = self.raw(index)
            let trimmed = self.text(index)
            if trimmed == "*** End Patch" { return index + 1 }
            if let path = Self.value(trimmed, "*** Add File:") {
                index = self.parseAddFile(path: path, from: index, limit: limit, source: source)
            } else if let path = Self.value(trimmed, "*** Delete File:") {
                self.edits.append(FileEdit(path: path, action: .delete, source: source))
                index += 1
            } else if let path = Self.value(trimmed, "*** Update File:") {
                index = self.parseUpdateFile(path: path, from: index, limit: limit, source: source)
            } else if trimmed.isEmpty {
                index += 1
            } else {
                self.diagnostics.append(
                    EditDiagnostic(
                        .error, line: index + 1, block: source.description,
                        "unexpected line '\(String(line.prefix(60)))' in the patch envelope (expected '*** Add File:', '*** Update File:', '*** Delete File:' or '*** End Patch')"
                    ))
                index += 1
            }
        }
        self.diagnostics.append(
            EditDiagnostic(
                .error, line: start + 1, block: source.description,
                "'*** Begin Patch' is not closed by '*** End Patch' (the answer may be cut off)"))
        return index
    }

    private mutating func parseAddFile(path: String, from start: Int, limit: Int, source: EditSource) -> Int {
        var index = start + 1
        var content: [UInt8] = []
        while index < limit && !self.raw(index).hasPrefix("*** ") {
            let line = self.lines[index]
            if line.first == UInt8(ascii: "+") {
                content += line.dropFirst()
                content.append(0x0A)
            } else if line.isEmpty || line == [0x0D] {
                self.diagnostics.append(
                    EditDiagnostic(
                        .warning, line: index + 1, path: path, block: source.description,
                        "blank line in '*** Add File' taken as an empty line of the file (lines should start with '+')")
                )
                content.append(0x0A)
            } else {
                self.diagnostics.append(
                    EditDiagnostic(
                        .error, line: index + 1, path: path, block: source.description,
                        "every line of '*** Add File' must start with '+'"))
            }
            index += 1
        }
        self.edits.append(FileEdit(path: path, action: .create, content: content, source: source))
        return index
    }

    private mutating func parseUpdateFile(path: String, from start: Int, limit: Int, source: EditSource) -> Int {
        var index = start + 1
        var edit = FileEdit(path: path, action: .modify, source: source)
        if index < limit, let destination = Self.value(self.text(index), "*** Move to:") {
            edit.renamedFrom = path
            edit.path = destination
            index += 1
        }
        var anchors: [[UInt8]] = []
        var lines: [PatchLine] = []
        var chunkLine = index + 1
        var hasErrors = false
        func finishChunk(atEndOfFile: Bool) {
            if !lines.isEmpty || atEndOfFile {
                edit.hunks.append(
                    EditHunk(lines: lines, anchors: anchors, atEndOfFile: atEndOfFile, sourceLine: chunkLine))
            }
            lines = []
            anchors = []
        }
        while index < limit {
            let raw = self.raw(index)
            if raw == "*** End of File" {
                finishChunk(atEndOfFile: true)
                index += 1
                continue
            }
            if raw.hasPrefix("*** ") { break }
            let bytes = self.lines[index]
            if raw.hasPrefix("@@") {
                if !lines.isEmpty { finishChunk(atEndOfFile: false) }
                var anchor = bytes.dropFirst(2)
                if anchor.first == 0x20 { anchor = anchor.dropFirst() }
                if anchor.last == 0x0D { anchor = anchor.dropLast() }
                if !anchor.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { anchors.append(Array(anchor)) }
                chunkLine = index + 2
                index += 1
                continue
            }
            switch bytes.first {
            case nil: lines.append(PatchLine(.context, []))
            case 0x20?: lines.append(PatchLine(.context, Array(bytes.dropFirst())))
            case UInt8(ascii: "-")?: lines.append(PatchLine(.deletion, Array(bytes.dropFirst())))
            case UInt8(ascii: "+")?: lines.append(PatchLine(.addition, Array(bytes.dropFirst())))
            case 0x0D? where bytes.count == 1: lines.append(PatchLine(.context, []))
            default:
                hasErrors = true
                self.diagnostics.append(
                    EditDiagnostic(
                        .error, line: index + 1, path: path, block: source.description,
                        "line '\(String(raw.prefix(60)))' in '*** Update File' starts with none of ' ', '-', '+', '@@'")
                )
            }
            index += 1
        }
        finishChunk(atEndOfFile: false)
        if hasErrors { return index }
        if edit.hunks.isEmpty && edit.renamedFrom == nil {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: start + 1, path: path, block: source.description, "'*** Update File' has no changes"))
            return index
        }
        self.edits.append(edit)
        return index
    }

    // MARK: - Unified diffs

    /// True when line `index` starts a unified diff.
    func startsDiff(_ index: Int, limit: Int) -> Bool {
        let line = self.text(index)
        if line.hasPrefix("diff --git ") { return true }
        return line.hasPrefix("--- ") && index + 1 < limit && self.text(index + 1).hasPrefix("+++ ")
    }

    /// Where a diff starting at `start` ends: the next fence, envelope or SEARCH block. Only a
    /// fence at the start of a line counts: hunk lines start with ' ', '-' or '+', so a context
    /// line holding a fence (a diff of a Markdown file) does not end the diff.
    func diffEnd(from start: Int, limit: Int) -> Int {
        var index = start + 1
        while index < limit {
            let line = self.text(index)
            let atColumnZero = line.first == "`" || line.first == "~"
            if (atColumnZero && Self.fenceMarker(line) != nil) || line == "*** Begin Patch"
                || Self.isMarker(line, "<", "SEARCH")
            {
                return index
            }
            index += 1
        }
        return limit
    }

    mutating func parseUnifiedDiff(_ range: Range<Int>) {
        self.diffBlocks += 1
        let block = self.diffBlocks
        var bytes: [UInt8] = []
        for index in range {
            bytes += self.lines[index]
            bytes.append(0x0A)
        }
        let offset = range.lowerBound
        let diff: UnifiedDiff
        do {
            diff = try UnifiedDiffParser.parse(bytes, mode: .lenient)
        } catch {
            self.diagnostics.append(
                EditDiagnostic(
                    .error, line: offset + error.line,
                    block: EditSource(format: .unifiedDiff, block: block, line: range.lowerBound + 1).description,
                    error.message))
            return
        }
        for note in diff.notes {
            self.diagnostics.append(
                EditDiagnostic(
                    .warning, line: offset + note.line,
                    block: EditSource(format: .unifiedDiff, block: block, line: range.lowerBound + 1).description,
                    note.message))
        }
        for file in diff.files {
            let strip = Self.prefixComponents(file)
            let source = EditSource(format: .unifiedDiff, block: block, line: offset + (file.sourceLine ?? 1))
            guard let path = file.newPath(strip: strip) ?? file.oldPath(strip: strip) else {
                self.diagnostics.append(
                    EditDiagnostic(.error, line: source.line, block: source.description, "the diff names no file"))
                continue
            }
            var edit = FileEdit(path: path, action: .modify, source: source)
            if file.isDeletion {
                edit.action = .delete
            } else if file.isCreation {
                edit.action = .create
            }
            if file.isRename, let old = file.oldPath(strip: strip), old != path { edit.renamedFrom = old }
            if let copied = file.copySource { edit.copiedFrom = copied }
            if let newMode = file.newMode, file.isCreation || file.oldMode != newMode { edit.newMode = newMode }
            if let binary = file.binary {
                switch binary {
                case .marker(let text): edit.binaryDescription = text
                case .gitBinaryPatch: edit.binaryDescription = "GIT binary patch"
                }
            }
            edit.hunks = file.hunks.map { hunk in
                EditHunk(
                    lines: hunk.lines, expectedLine: hunk.hasLineNumbers ? hunk.oldIndex : nil,
                    sourceLine: offset + (hunk.sourceLine ?? 1))
            }
            if edit.action == .create {
                edit.content = Self.additions(of: file.hunks)
            }
            self.edits.append(edit)
        }
    }

    /// The path components to strip: 1 for git's `a/` `b/` prefixes, else 0.
    static func prefixComponents(_ file: FileDiff) -> Int {
        if let labels = file.labels {
            let old = labels.old.path
            let new = labels.new.path
            let oldPrefixed = old.map { $0.hasPrefix("a/") } ?? true
            let newPrefixed = new.map { $0.hasPrefix("b/") } ?? true
            return oldPrefixed && newPrefixed && (old != nil || new != nil) ? 1 : 0
        }
        if let gitPaths = file.gitPaths {
            return gitPaths.old.hasPrefix("a/") && gitPaths.new.hasPrefix("b/") ? 1 : 0
        }
        return 0
    }

    /// The text a creating diff adds.
    static func additions(of hunks: [PatchHunk]) -> [UInt8] {
        var bytes: [UInt8] = []
        for hunk in hunks {
            for line in hunk.lines where line.kind == .addition {
                bytes += line.text
                if line.hasNewline { bytes.append(0x0A) }
            }
        }
        return bytes
    }

    // MARK: - Fences and paths

    /// The fence characters opening a block (three or more backticks or tildes), if `line` opens one.
    static func fenceMarker(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let marker = trimmed.prefix { $0 == first }
        return marker.count >= 3 ? String(marker) : nil
    }

    /// The line closing the fence opened at `opening`, or the limit when it is never closed.
    func fenceEnd(opening: Int, marker: String, limit: Int) -> (contentEnd: Int, closed: Bool) {
        var index = opening + 1
        while index < limit {
            let line = self.text(index).drop { $0 == " " }
            if line.hasPrefix(marker) && line.allSatisfy({ $0 == marker.first }) { return (index, true) }
            index += 1
        }
        return (limit, false)
    }

    /// The path named on the nearest non-blank line above `index` (skipping a fence opener).
    func pathBefore(_ index: Int, lowerBound: Int) -> String? {
        var cursor = index - 1
        while cursor >= lowerBound {
            let line = self.text(cursor)
            if line.isEmpty {
                cursor -= 1
                continue
            }
            if Self.fenceMarker(line) != nil {
                let info = String(line.drop { $0 == "`" || $0 == "~" || $0 == " " })
                if let path = Self.pathInInfoString(info) { return path }
                cursor -= 1
                continue
            }
            return Self.pathCandidate(line)
        }
        return nil
    }

    /// A path in a fence's info string (```` ```swift:Sources/a.swift ```` or ```` ```Sources/a.swift ````).
    static func pathInInfoString(_ info: String) -> String? {
        let tokens = info.split { $0 == " " || $0 == ":" || $0 == "\t" }
        for token in tokens {
            if let candidate = self.pathCandidate(String(token)), candidate.contains("/") || candidate.contains(".") {
                return candidate
            }
        }
        return nil
    }

    /// `line` as a file path if it plausibly is one after removing markdown decoration.
    static func pathCandidate(_ line: String) -> String? {
        var text = Substring(line)
        text = text.drop { $0 == "#" || $0 == " " }
        for prefix in ["File:", "file:", "Path:", "path:", "Filename:", "filename:"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count).drop { $0 == " " }
        }
        var changed = true
        while changed {
            changed = false
            for wrapper in ["**", "*", "`", "'", "\"", "_"] where text.count > 2 * wrapper.count {
                if text.hasPrefix(wrapper) && text.hasSuffix(wrapper) {
                    text = text.dropFirst(wrapper.count).dropLast(wrapper.count)
                    changed = true
                }
            }
            if text.hasSuffix(":") {
                text = text.dropLast()
                changed = true
            }
        }
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        guard !text.isEmpty, !text.contains(" "), !text.contains("\t"), !text.contains("://"), !text.hasSuffix("."),
            !text.hasPrefix("<<<"), !text.hasPrefix("==="), !text.hasPrefix(">>>"), !text.hasPrefix("@@")
        else { return nil }
        let knownNames: Set<Substring> = [
            "Makefile", "Dockerfile", "Gemfile", "Rakefile", "Procfile", "LICENSE", "README",
        ]
        let name = text.split(separator: "/").last ?? text
        guard text.contains("/") || name.dropFirst().contains(".") || knownNames.contains(name) else { return nil }
        return String(text)
    }

    /// `line` is `<<<<<<< SEARCH` (5 to 9 `character`s, then `keyword`).
    static func isMarker(_ line: String, _ character: Character, _ keyword: String) -> Bool {
        let run = line.prefix { $0 == character }
        guard run.count >= 5 && run.count <= 9 else { return false }
        return line.dropFirst(run.count).trimmingLeadingSpaces == keyword
    }

    /// `line` is `=======` (5 to 9 `=`).
    static func isDivider(_ line: String) -> Bool {
        line.count >= 5 && line.count <= 9 && line.allSatisfy { $0 == "=" }
    }

    /// The text after `prefix`, trimmed, when `line` starts with it.
    static func value(_ line: String, _ prefix: String) -> String? {
        guard line.hasPrefix(prefix) else { return nil }
        let value = line.dropFirst(prefix.count).trimmingLeadingSpaces
        return value.isEmpty ? nil : String(value)
    }
}

extension StringProtocol {
    fileprivate var trimmingLeadingSpaces: SubSequence { self.drop { $0 == " " || $0 == "\t" } }
}
