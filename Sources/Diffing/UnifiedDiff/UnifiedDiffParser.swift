/// Reads unified diffs: git's (`diff --git`, extended headers, binary markers and binary patches)
/// and plain ones (`---`/`+++` with optional timestamps), byte-exact and CRLF-safe.
///
/// Text outside file diffs (a commit message, an email header, prose around a model's answer) is
/// skipped. Hunk lines keep a `\r` before their `\n` as content; header lines drop it, so a patch
/// whose line endings were converted to CRLF still reads.
///
/// In `.strict` mode hunks are read by the counts in their `@@` line, as `git apply` does, and a
/// mismatch is an error. In `.lenient` mode (diffs written by models) a hunk whose counts disagree
/// with its body, or an `@@ @@` line without numbers, is read up to the next header and recounted,
/// with a note saying so.
package struct UnifiedDiffParser {
    /// How forgiving to be about hunk counts.
    package enum Mode: Sendable {
        case strict, lenient
    }

    private let lines: [ArraySlice<UInt8>]
    private let mode: Mode
    private var index = 0
    private var notes: [UnifiedDiff.Note] = []

    private init(_ bytes: [UInt8], mode: Mode) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }
        self.lines = lines
        self.mode = mode
    }

    /// Parses every file diff in `bytes`.
    package static func parse(_ bytes: [UInt8], mode: Mode = .strict) throws(UnifiedDiffError) -> UnifiedDiff {
        var parser = UnifiedDiffParser(bytes, mode: mode)
        return try parser.parseAll()
    }

    /// Parses every file diff in `text`.
    package static func parse(_ text: String, mode: Mode = .strict) throws(UnifiedDiffError) -> UnifiedDiff {
        try self.parse(Array(text.utf8), mode: mode)
    }

    // MARK: - Files

    private mutating func parseAll() throws(UnifiedDiffError) -> UnifiedDiff {
        var files: [FileDiff] = []
        while self.index < self.lines.count {
            let line = self.header(self.index)
            let start = self.index + 1
            if line.hasPrefix("diff --git ") {
                var file = try self.parseGitFile()
                file.sourceLine = start
                files.append(file)
            } else if self.startsPlainFile(at: self.index) {
                var file = try self.parsePlainFile()
                file.sourceLine = start
                files.append(file)
            } else if line.hasPrefix("@@") && Self.isHunkHeader(line) {
                throw .hunkWithoutFile(line: self.index + 1)
            } else {
                self.index += 1
            }
        }
        return UnifiedDiff(files: files, notes: self.notes)
    }

    private mutating func parseGitFile() throws(UnifiedDiffError) -> FileDiff {
        let gitLine = self.header(self.index)
        let gitPaths = Self.parseGitPaths(gitLine.dropFirst("diff --git ".count))
        self.index += 1
        var headers: [ExtendedHeader] = []
        while self.index < self.lines.count, let header = Self.extendedHeader(self.header(self.index)) {
            headers.append(header)
            self.index += 1
        }
        var file = FileDiff(gitPaths: gitPaths, extendedHeaders: headers, labels: nil)
        if self.index < self.lines.count {
            let line = self.header(self.index)
            if line.hasPrefix("Binary files ") {
                file.binary = .marker(line)
                self.index += 1
                return file
            }
            if line == "GIT binary patch" {
                file.binary = .gitBinaryPatch(try self.parseBinaryPatch())
                return file
            }
            if self.startsPlainFile(at: self.index) {
                file.labels = self.parseLabels()
                file.hunks = try self.parseHunks()
            }
        }
        return file
    }

    private mutating func parsePlainFile() throws(UnifiedDiffError) -> FileDiff {
        let labels = self.parseLabels()
        return FileDiff(labels: labels, hunks: try self.parseHunks())
    }

    /// True when line `at` is `--- …` followed by `+++ …`.
    private func startsPlainFile(at position: Int) -> Bool {
        position + 1 < self.lines.count && self.header(position).hasPrefix("--- ")
            && self.header(position + 1).hasPrefix("+++ ")
    }

    private mutating func parseLabels() -> FileDiff.Labels {
        let old = Self.parseLabel(self.header(self.index).dropFirst(4))
        let new = Self.parseLabel(self.header(self.index + 1).dropFirst(4))
        self.index += 2
        return FileDiff.Labels(old: old, new: new)
    }

    private mutating func parseBinaryPatch() throws(UnifiedDiffError) -> [String] {
        self.index += 1
        var result: [String] = []
        var blocks = 0
        while blocks < 2 && self.index < self.lines.count {
            let line = self.header(self.index)
            guard line.hasPrefix("literal ") || line.hasPrefix("delta ") else {
                if blocks == 0 { throw .invalidBinaryPatch(line: self.index + 1) }
                break
            }
            while self.index < self.lines.count {
                let data = self.header(self.index)
                result.append(data)
                self.index += 1
                if data.isEmpty { break }
            }
            blocks += 1
        }
        return result
    }

    // MARK: - Hunks

    private mutating func parseHunks() throws(UnifiedDiffError) -> [PatchHunk] {
        var hunks: [PatchHunk] = []
        while self.index < self.lines.count {
            let line = self.header(self.index)
            guard line.hasPrefix("@@"), Self.isHunkHeader(line) else { break }
            let start = self.index + 1
            var hunk = try self.parseHunk()
            hunk.sourceLine = start
            hunks.append(hunk)
        }
        return hunks
    }

    private mutating func parseHunk() throws(UnifiedDiffError) -> PatchHunk {
        let headerLine = self.index + 1
        let raw = self.lines[self.index]
        let header = Self.parseHunkHeader(raw)
        self.index += 1
        guard let header else {
            let text = self.header(headerLine - 1)
            guard self.mode == .lenient, Self.isBareHunkHeader(text) else {
                throw .invalidHunkHeader(line: headerLine, text: text)
            }
            var hunk = PatchHunk(
                oldStart: 0, oldCount: 0, newStart: 0, newCount: 0, heading: Self.bareHeading(raw),
                hasLineNumbers: false, lines: self.readNaturalBody())
            guard !hunk.lines.isEmpty else {
                throw .truncatedHunk(hunkLine: headerLine, line: headerLine + 1, missingOld: 0, missingNew: 0)
            }
            hunk.recount()
            return hunk
        }
        let start = self.index
        let counted: Result<[PatchLine], UnifiedDiffError>
        do throws(UnifiedDiffError) {
            counted = .success(
                try self.readCountedBody(oldCount: header.oldCount, newCount: header.newCount, hunkLine: headerLine))
        } catch {
            counted = .failure(error)
        }
        switch counted {
        case .success(let lines) where self.mode == .strict || self.headerInside(start..<self.index) == nil:
            return PatchHunk(
                oldStart: header.oldStart, oldCount: header.oldCount, newStart: header.newStart,
                newCount: header.newCount, heading: header.heading, lines: lines)
        case .failure(let error) where self.mode == .strict:
            throw error
        default:
            // Lenient: the counts disagree with the body (or ran into the next file's header).
            self.index = start
            var hunk = PatchHunk(
                oldStart: header.oldStart, oldCount: header.oldCount, newStart: header.newStart,
                newCount: header.newCount, heading: header.heading, lines: self.readNaturalBody())
            let claimed = (hunk.oldCount, hunk.newCount)
            guard !hunk.lines.isEmpty else {
                throw UnifiedDiffError.truncatedHunk(
                    hunkLine: headerLine, line: start + 1, missingOld: claimed.0, missingNew: claimed.1)
            }
            hunk.recount()
            self.notes.append(
                UnifiedDiff.Note(
                    line: headerLine,
                    message:
                        "hunk header says -\(claimed.0) +\(claimed.1) lines but the body has -\(hunk.oldCount) +\(hunk.newCount); recounted"
                ))
            return hunk
        }
    }

    /// Reads exactly the lines the counts call for.
    private mutating func readCountedBody(
        oldCount: Int, newCount: Int, hunkLine: Int
    ) throws(UnifiedDiffError)
        -> [PatchLine]
    {
        var oldLeft = oldCount
        var newLeft = newCount
        var result: [PatchLine] = []
        while oldLeft > 0 || newLeft > 0 {
            guard self.index < self.lines.count else {
                throw .truncatedHunk(hunkLine: hunkLine, line: self.index + 1, missingOld: oldLeft, missingNew: newLeft)
            }
            let line = self.lines[self.index]
            let kind: PatchLine.Kind
            switch line.first {
            case 0x20?, nil:
                kind = .context
            case UInt8(ascii: "-")?:
                kind = .deletion
            case UInt8(ascii: "+")?:
                kind = .addition
            case UInt8(ascii: "\\")?:
                if !result.isEmpty { result[result.count - 1].hasNewline = false }
                self.index += 1
                continue
            case UInt8(ascii: "\r")? where line.count == 1:
                kind = .context
            default:
                throw .unexpectedLine(hunkLine: hunkLine, line: self.index + 1, text: Self.text(line))
            }
            if kind != .addition { oldLeft -= 1 }
            if kind != .deletion { newLeft -= 1 }
            guard oldLeft >= 0 && newLeft >= 0 else {
                throw .unexpectedLine(hunkLine: hunkLine, line: self.index + 1, text: Self.text(line))
            }
            result.append(PatchLine(kind, Self.body(line), hasNewline: true))
            self.index += 1
        }
        if self.index < self.lines.count && self.lines[self.index].first == UInt8(ascii: "\\") {
            if !result.isEmpty { result[result.count - 1].hasNewline = false }
            self.index += 1
        }
        return result
    }

    /// Reads hunk-like lines up to the next header, fence or prose line (lenient mode). Blank
    /// lines inside the body are empty context lines (editors strip the lone space); blank lines
    /// after it belong to the surrounding text.
    private mutating func readNaturalBody() -> [PatchLine] {
        var result: [PatchLine] = []
        var pendingBlank: [PatchLine] = []
        reading: while self.index < self.lines.count && !self.isTerminator(self.index) {
            let line = self.lines[self.index]
            if line.isEmpty || (line.count == 1 && line.first == 0x0D) {
                pendingBlank.append(PatchLine(.context, Array(line)))
                self.index += 1
                continue
            }
            let kind: PatchLine.Kind
            switch line.first {
            case 0x20?: kind = .context
            case UInt8(ascii: "-")?: kind = .deletion
            case UInt8(ascii: "+")?: kind = .addition
            case UInt8(ascii: "\\")?:
                if !result.isEmpty && pendingBlank.isEmpty { result[result.count - 1].hasNewline = false }
                self.index += 1
                continue
            default:
                break reading
            }
            result += pendingBlank
            pendingBlank = []
            result.append(PatchLine(kind, Self.body(line)))
            self.index += 1
        }
        self.index -= pendingBlank.count
        return result
    }

    /// True when line `position` starts something other than a hunk body line.
    private func isTerminator(_ position: Int) -> Bool {
        let line = self.header(position)
        if line.hasPrefix("@@") || line.hasPrefix("diff --git ") || line.hasPrefix("```") || line.hasPrefix("*** ")
            || line.hasPrefix("Index: ")
        {
            return true
        }
        return self.startsPlainFile(at: position)
    }

    /// The first line in `range` that starts a new file, if any.
    private func headerInside(_ range: Range<Int>) -> Int? {
        range.first { self.startsPlainFile(at: $0) && $0 + 2 < self.lines.count && self.header($0 + 2).hasPrefix("@@") }
    }

    // MARK: - Line helpers

    /// Line `position` as text without a trailing `\r` (for headers).
    private func header(_ position: Int) -> String {
        var line = self.lines[position]
        if line.last == 0x0D { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }

    private static func body(_ line: ArraySlice<UInt8>) -> [UInt8] {
        line.isEmpty ? [] : Array(line.dropFirst())
    }

    private static func text(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line.prefix(80), as: UTF8.self)
    }

    // MARK: - Header grammar

    private static func isHunkHeader(_ line: String) -> Bool {
        line.hasPrefix("@@ -") || self.isBareHunkHeader(line)
    }

    /// `@@`, `@@ @@` or `@@ @@ heading` without numbers, as models write them.
    private static func isBareHunkHeader(_ line: String) -> Bool {
        line == "@@" || line.hasPrefix("@@ @@") || line == "@@ "
    }

    private static func bareHeading(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var text = raw
        if text.last == 0x0D { text = text.dropLast() }
        let string = String(decoding: text, as: UTF8.self)
        guard string.hasPrefix("@@ @@") else { return [] }
        return Array(string.dropFirst(5).utf8)
    }

    private static func parseHunkHeader(
        _ raw: ArraySlice<UInt8>
    ) -> (
        oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, heading: [UInt8]
    )? {
        var line = raw
        if line.last == 0x0D { line = line.dropLast() }
        let bytes = Array(line)
        guard bytes.starts(with: Array("@@ -".utf8)) else { return nil }
        var position = 4
        func number() -> Int? {
            var value = 0
            let start = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                value = value * 10 + Int(bytes[position] - 0x30)
                if value > 1 << 40 { return nil }
                position += 1
            }
            return position > start ? value : nil
        }
        func range() -> (Int, Int)? {
            guard let start = number() else { return nil }
            if position < bytes.count && bytes[position] == UInt8(ascii: ",") {
                position += 1
                guard let count = number() else { return nil }
                return (start, count)
            }
            return (start, 1)
        }
        guard let old = range() else { return nil }
        guard position + 1 < bytes.count, bytes[position] == 0x20, bytes[position + 1] == UInt8(ascii: "+") else {
            return nil
        }
        position += 2
        guard let new = range() else { return nil }
        guard position + 2 < bytes.count + 0, bytes[position] == 0x20, bytes[position + 1] == UInt8(ascii: "@"),
            bytes[position + 2] == UInt8(ascii: "@")
        else { return nil }
        let heading = Array(raw[(raw.startIndex + position + 3)...])
        var trimmedHeading = heading
        if raw.last == 0x0D, trimmedHeading.last == 0x0D { trimmedHeading.removeLast() }
        return (old.0, old.1, new.0, new.1, trimmedHeading)
    }

    private static func parseLabel(_ text: Substring) -> FileLabel {
        if let (path, rest) = GitQuoting.unquotePrefix(text) {
            if rest.first == "\t" { return .path(path, suffix: String(rest.dropFirst())) }
            return .path(path, suffix: nil)
        }
        var pathPart = text
        var suffix: String?
        if let tab = text.firstIndex(of: "\t") {
            pathPart = text[..<tab]
            suffix = String(text[text.index(after: tab)...])
        }
        if pathPart == "/dev/null" { return .devNull }
        return .path(String(pathPart), suffix: suffix)
    }

    /// The two paths of `diff --git A B`, quoted or not. Unquoted paths with spaces are split
    /// where both halves name the same file after their prefixes (git's rule for unrenamed files).
    static func parseGitPaths(_ text: Substring) -> FileDiff.GitPaths? {
        if let (old, rest) = GitQuoting.unquotePrefix(text), rest.first == " " {
            return FileDiff.GitPaths(old: old, new: GitQuoting.unquote(rest.dropFirst()))
        }
        if let quoteStart = text.firstRange(of: " \"") {
            let old = String(text[..<quoteStart.lowerBound])
            return FileDiff.GitPaths(
                old: old, new: GitQuoting.unquote(text[text.index(after: quoteStart.lowerBound)...]))
        }
        let spaces = text.indices.filter { text[$0] == " " }
        for space in spaces {
            let old = text[..<space]
            let new = text[text.index(after: space)...]
            if FileDiff.strip(String(old), 1) == FileDiff.strip(String(new), 1) {
                return FileDiff.GitPaths(old: String(old), new: String(new))
            }
        }
        guard let middle = spaces.first else { return nil }
        return FileDiff.GitPaths(old: String(text[..<middle]), new: String(text[text.index(after: middle)...]))
    }

    private static func extendedHeader(_ line: String) -> ExtendedHeader? {
        func value(_ prefix: String) -> Substring? {
            line.hasPrefix(prefix) ? line.dropFirst(prefix.count) : nil
        }
        if let mode = value("old mode ") { return .oldMode(String(mode)) }
        if let mode = value("new mode ") { return .newMode(String(mode)) }
        if let mode = value("deleted file mode ") { return .deletedFileMode(String(mode)) }
        if let mode = value("new file mode ") { return .newFileMode(String(mode)) }
        if let path = value("copy from ") { return .copyFrom(GitQuoting.unquote(path)) }
        if let path = value("copy to ") { return .copyTo(GitQuoting.unquote(path)) }
        if let path = value("rename from ") { return .renameFrom(GitQuoting.unquote(path)) }
        if let path = value("rename to ") { return .renameTo(GitQuoting.unquote(path)) }
        if let path = value("rename old ") { return .renameFrom(GitQuoting.unquote(path)) }
        if let path = value("rename new ") { return .renameTo(GitQuoting.unquote(path)) }
        if let percent = value("similarity index "), percent.hasSuffix("%"), let number = Int(percent.dropLast()) {
            return .similarityIndex(number)
        }
        if let percent = value("dissimilarity index "), percent.hasSuffix("%"), let number = Int(percent.dropLast()) {
            return .dissimilarityIndex(number)
        }
        if let rest = value("index "), let dots = rest.firstRange(of: "..") {
            let old = String(rest[..<dots.lowerBound])
            let tail = rest[dots.upperBound...]
            if let space = tail.firstIndex(of: " ") {
                return .index(old: old, new: String(tail[..<space]), mode: String(tail[tail.index(after: space)...]))
            }
            return .index(old: old, new: String(tail), mode: nil)
        }
        return nil
    }
}
