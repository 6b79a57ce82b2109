import Diffing

/// A located hunk: its outcome and, when applied, the changes it makes to the document.
package struct PlacedHunk: Hashable, Sendable {
    package var outcome: HunkOutcome
    /// The changes, in document order, as (old line range, replacement lines).
    package var blocks: [PlacedBlock]
    /// Set when the hunk reaches the end of the file and says whether the file ends with a newline.
    package var finalNewline: Bool?

    package init(outcome: HunkOutcome, blocks: [PlacedBlock] = [], finalNewline: Bool? = nil) {
        self.outcome = outcome
        self.blocks = blocks
        self.finalNewline = finalNewline
    }
}

/// One contiguous change inside a located hunk.
package struct PlacedBlock: Hashable, Sendable {
    /// The document lines replaced.
    package var oldRange: Range<Int>
    /// The lines that replace them.
    package var newLines: [ByteLine]

    package init(oldRange: Range<Int>, newLines: [ByteLine]) {
        self.oldRange = oldRange
        self.newLines = newLines
    }
}

/// Finds where each hunk of an edit belongs in a document, climbing the tolerance ladder.
///
/// Hunks are located in the original document, never in partly edited text, and may not
/// overlap. For each hunk the search tries every rung of `MatchRung` in order and, on the first
/// rung with candidates, takes the one nearest to the expected position: the diff's line number
/// plus the drift the previous hunk showed (diff-match-patch's `delta`), or for formats without
/// line numbers the first candidate after the previous hunk. SEARCH/REPLACE hunks must match
/// exactly one place. A hunk that fits nowhere is rejected with the most similar window.
package struct HunkLocator {
    package let document: ByteDocument
    private var keys: [MatchRung: [Int32]] = [:]
    private var interners: [MatchRung: LineInterner] = [:]
    /// Lines changed by hunks already placed, with the 1-based number of the hunk.
    private var claimed: [(lines: Range<Int>, hunk: Int)] = []
    private var placedCount = 0
    private var drift = 0
    private var cursor = 0

    package init(document: ByteDocument) {
        self.document = document
    }

    /// Locates `hunks` in order; hunks that were applied claim their lines for later ones.
    package mutating func place(_ hunks: [EditHunk]) -> [PlacedHunk] {
        hunks.map { self.place($0) }
    }

    /// Locates one hunk after those already placed.
    package mutating func place(_ hunk: EditHunk) -> PlacedHunk {
        self.placedCount += 1
        let result = self.locate(hunk)
        guard case .success(let match) = result else {
            if case .failure(let rejection) = result { return PlacedHunk(outcome: .rejected(rejection)) }
            return PlacedHunk(outcome: .rejected(HunkRejection("not found")))
        }
        let oldCount = match.lines.count { $0.kind != .addition }
        self.claimed.append((match.position..<(match.position + oldCount), self.placedCount))
        if let expected = hunk.expectedLine { self.drift = match.position - match.leadingTrim - expected }
        self.cursor = match.position + oldCount
        let offset = hunk.expectedLine.map { match.position - match.leadingTrim - $0 } ?? 0
        let outcome: HunkOutcome =
            match.rung == .exact
            ? .applied(line: match.position, offset: offset)
            : .appliedFuzzy(line: match.position, offset: offset, rung: match.rung)
        return PlacedHunk(
            outcome: outcome, blocks: self.blocks(for: match), finalNewline: self.finalNewline(for: match))
    }

    // MARK: - Searching

    private struct Match {
        var position: Int
        var lines: [PatchLine]
        var rung: MatchRung
        /// Context lines dropped from the front on the reduced-context rung.
        var leadingTrim: Int
    }

    private mutating func locate(_ hunk: EditHunk) -> Result<Match, HunkRejection> {
        let lineCount = self.document.lines.count
        var lowerBound = 0
        var preferred: Int? = hunk.expectedLine.map { $0 + self.drift }
        if !hunk.anchors.isEmpty {
            var position = self.cursor
            for anchor in hunk.anchors {
                guard let found = self.findAnchor(anchor, from: position) ?? self.findAnchor(anchor, from: 0) else {
                    return .failure(
                        HunkRejection("context line '@@ \(String(decoding: anchor, as: UTF8.self))' not found"))
                }
                position = found + 1
            }
            lowerBound = position
            preferred = position
        } else if hunk.expectedLine == nil {
            preferred = self.cursor
        }
        let old = hunk.oldLines
        if old.isEmpty {
            let position: Int?
            if hunk.atEndOfFile {
                position = lineCount
            } else if let expected = hunk.expectedLine {
                position = min(max(0, expected + self.drift), lineCount)
            } else if !hunk.anchors.isEmpty || lineCount == 0 {
                position = lowerBound
            } else {
                position = nil
            }
            guard let position else {
                return .failure(HunkRejection("the hunk has no context lines and no line number to place it by"))
            }
            if self.claimed.contains(where: { $0.lines.lowerBound < position && position < $0.lines.upperBound }) {
                return .failure(HunkRejection("it would insert inside lines another hunk already changes"))
            }
            return .success(Match(position: position, lines: hunk.lines, rung: .exact, leadingTrim: 0))
        }
        let sequential = hunk.expectedLine == nil
        var found: [MatchRung: [Int]] = [:]
        func candidates(_ rung: MatchRung) -> [Int] {
            if let known = found[rung] { return known }
            let result = self.candidates(for: old, rung: rung, lowerBound: lowerBound, atEnd: hunk.atEndOfFile)
            found[rung] = result
            return result
        }
        // When the stated line (plus drift) holds a looser match but the strictest match is
        // elsewhere, the stated line wins: in repetitive code a copy of the old text elsewhere
        // is a likelier mistake than whitespace or punctuation differences where the diff points.
        if let expected = preferred, !sequential, !candidates(.exact).isEmpty, !candidates(.exact).contains(expected) {
            for rung in MatchRung.allCases where rung != .exact && rung != .reducedContext {
                if candidates(rung).contains(expected) {
                    return .success(Match(position: expected, lines: hunk.lines, rung: rung, leadingTrim: 0))
                }
            }
        }
        for rung in MatchRung.allCases where rung != .reducedContext {
            let candidates = candidates(rung)
            if hunk.requireUnique && candidates.count > 1 {
                let lines = candidates.prefix(5).map { String($0 + 1) }.joined(separator: ", ")
                return .failure(
                    HunkRejection(
                        "ambiguous: the text matches \(candidates.count) places (lines \(lines)\(candidates.count > 5 ? ", …" : ""))\(rung == .exact ? "" : " \(rung.label)"); include more surrounding lines to make it unique"
                    ))
            }
            if let best = Self.choose(candidates, preferred: preferred, sequential: sequential) {
                return .success(Match(position: best, lines: hunk.lines, rung: rung, leadingTrim: 0))
            }
        }
        if let match = self.locateWithReducedContext(hunk, preferred: preferred, lowerBound: lowerBound) {
            return match
        }
        for rung in MatchRung.allCases where rung != .reducedContext {
            let blocked = self.candidates(
                for: old, rung: rung, lowerBound: lowerBound, atEnd: hunk.atEndOfFile, includeClaimed: true)
            if let position = Self.choose(blocked, preferred: preferred, sequential: sequential),
                let owner = self.claimed.first(where: { $0.lines.overlaps(position..<(position + old.count)) })
            {
                return .failure(
                    HunkRejection(
                        "its context matches at line \(position + 1), but hunk \(owner.hunk) already changes lines \(owner.lines.lowerBound + 1)–\(owner.lines.upperBound) there"
                    ))
            }
        }
        let new = hunk.newLines
        if new != old, !new.isEmpty {
            for rung in [MatchRung.exact, .trailingWhitespace] {
                let found = self.candidates(for: new, rung: rung, lowerBound: 0, atEnd: hunk.atEndOfFile)
                if let line = Self.choose(found, preferred: preferred, sequential: false) {
                    return .failure(HunkRejection("already applied: its new lines are at line \(line + 1)"))
                }
            }
        }
        return .failure(
            HunkRejection(
                hunk.atEndOfFile ? "its lines are not at the end of the file" : "its context was not found",
                nearest: self.nearestMatch(old, preferred: preferred)))
    }

    private mutating func locateWithReducedContext(
        _ hunk: EditHunk, preferred: Int?, lowerBound: Int
    )
        -> Result<Match, HunkRejection>?
    {
        let leading = hunk.lines.prefix { $0.kind == .context }.count
        let trailing = hunk.lines.reversed().prefix { $0.kind == .context }.count
        guard leading < hunk.lines.count else { return nil }
        for total in 1...4 {
            for dropLeading in 0...min(2, leading, total) {
                let dropTrailing = total - dropLeading
                guard dropTrailing <= min(2, trailing) else { continue }
                if hunk.atEndOfFile && dropTrailing > 0 { continue }
                let lines = Array(hunk.lines.dropFirst(dropLeading).dropLast(dropTrailing))
                let old = lines.filter { $0.kind != .addition }
                guard !old.isEmpty, old.count * 2 >= hunk.oldLines.count else { continue }
                let candidates = self.candidates(
                    for: old, rung: .reducedContext, lowerBound: lowerBound, atEnd: hunk.atEndOfFile)
                if hunk.requireUnique && candidates.count > 1 { continue }
                if let best = Self.choose(
                    candidates, preferred: preferred.map { $0 + dropLeading }, sequential: hunk.expectedLine == nil)
                {
                    return .success(
                        Match(position: best, lines: lines, rung: .reducedContext, leadingTrim: dropLeading))
                }
            }
        }
        return nil
    }

    /// Positions where `pattern` matches on `rung`, not overlapping claimed lines (unless
    /// `includeClaimed`).
    private mutating func candidates(
        for pattern: [PatchLine], rung: MatchRung, lowerBound: Int, atEnd: Bool, includeClaimed: Bool = false
    ) -> [Int] {
        let documentKeys = self.documentKeys(rung)
        let patternKeys = pattern.map { self.intern($0.text, rung: rung) }
        let count = patternKeys.count
        let lineCount = documentKeys.count
        guard count <= lineCount else { return [] }
        var result: [Int] = []
        let range = atEnd ? (lineCount - count)...(lineCount - count) : lowerBound...(lineCount - count)
        guard range.lowerBound >= lowerBound || atEnd else { return [] }
        documentKeys.withUnsafeBufferPointer { keys in
            patternKeys.withUnsafeBufferPointer { wanted in
                guard let first = wanted.first else { return }
                for start in range where keys[start] == first {
                    var offset = 1
                    while offset < count && keys[start + offset] == wanted[offset] { offset += 1 }
                    if offset == count { result.append(start) }
                }
            }
        }
        return result.filter { start in
            start >= lowerBound
                && (includeClaimed || !self.claimed.contains { $0.lines.overlaps(start..<(start + count)) })
        }
    }

    /// The candidate to use: nearest the expected position, or for sequential formats the first
    /// at or after the cursor.
    private static func choose(_ candidates: [Int], preferred: Int?, sequential: Bool) -> Int? {
        guard let preferred else { return candidates.first }
        if sequential, let after = candidates.first(where: { $0 >= preferred }) { return after }
        return candidates.min {
            abs($0 - preferred) < abs($1 - preferred) || (abs($0 - preferred) == abs($1 - preferred) && $0 < $1)
        }
    }

    private mutating func findAnchor(_ anchor: [UInt8], from start: Int) -> Int? {
        for rung in MatchRung.allCases where rung != .reducedContext {
            let key = self.intern(anchor, rung: rung)
            let keys = self.documentKeys(rung)
            if start < keys.count, let found = keys[start...].firstIndex(of: key) { return found }
        }
        return nil
    }

    private mutating func documentKeys(_ rung: MatchRung) -> [Int32] {
        if let keys = self.keys[rung] { return keys }
        var interner = self.interners[rung] ?? LineInterner()
        let keys = self.document.lines.map { interner.intern(rung.normalize($0.content)[...]) }
        self.interners[rung] = interner
        self.keys[rung] = keys
        return keys
    }

    private mutating func intern(_ text: [UInt8], rung: MatchRung) -> Int32 {
        _ = self.documentKeys(rung)
        var interner = self.interners[rung] ?? LineInterner()
        let id = interner.intern(rung.normalize(text)[...])
        self.interners[rung] = interner
        return id
    }

    // MARK: - Rejections

    /// The window most like `pattern` (loosest comparison), with its character similarity.
    private mutating func nearestMatch(_ pattern: [PatchLine], preferred: Int?) -> NearestMatch? {
        let keys = self.documentKeys(.unicodePunctuation)
        guard !keys.isEmpty else { return nil }
        let wanted = pattern.map { self.intern($0.text, rung: .unicodePunctuation) }
        let window = min(wanted.count, keys.count)
        var best = (start: 0, score: -1)
        for start in 0...(keys.count - window) {
            var score = 0
            for offset in 0..<window where keys[start + offset] == wanted[offset] { score += 1 }
            let closer = preferred.map { abs(start - $0) < abs(best.start - $0) } ?? false
            if score > best.score || (score == best.score && closer) { best = (start, score) }
        }
        var windowText: [UInt8] = []
        for line in self.document.lines[best.start..<(best.start + window)] { windowText += line.content + [0x0A] }
        var patternText: [UInt8] = []
        for line in pattern { patternText += MatchRung.exact.normalize(line.text) + [0x0A] }
        return NearestMatch(
            line: best.start, similarity: Self.similarity(windowText, patternText), matchingLines: best.score,
            totalLines: pattern.count)
    }

    /// 2 × common characters / total characters, by a character diff (lines compared for long texts).
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let limit = 20_000
        let marks: (old: [Bool], new: [Bool])
        if a.count + b.count <= limit {
            marks = DiffAlgorithm.myers.changeMarks(old: a.map { Int32($0) }, new: b.map { Int32($0) })
        } else {
            var interner = LineInterner()
            let aLines = TextLines(a)
            let bLines = TextLines(b)
            marks = DiffAlgorithm.myers.changeMarks(old: interner.intern(aLines), new: interner.intern(bLines))
            let common = marks.old.count { !$0 }
            return 2 * Double(common) / Double(aLines.count + bLines.count)
        }
        let common = marks.old.count { !$0 }
        return 2 * Double(common) / Double(a.count + b.count)
    }

    // MARK: - Building changes

    private func blocks(for match: Match) -> [PlacedBlock] {
        let document = self.document
        let oldCount = match.lines.count { $0.kind != .addition }
        let matched = Array(document.lines[match.position..<(match.position + oldCount)])
        let oldPattern = match.lines.filter { $0.kind != .addition }
        // Endings: trust the edit's own `\r`s when they agree with the file (git diffs of the
        // file itself); otherwise new lines end like the file's lines around them.
        let faithful =
            document.lines.isEmpty
            || (!matched.isEmpty
                && zip(matched, oldPattern).allSatisfy { line, pattern in
                    (line.ending == .crlf) == (pattern.text.last == 0x0D)
                })
        let fallback: LineBreak = {
            for line in matched where line.ending != .none { return line.ending }
            if match.position > 0, document.lines[match.position - 1].ending != .none {
                return document.lines[match.position - 1].ending
            }
            return document.dominantEnding
        }()
        let indentation = match.rung >= .indentation ? Self.indentationChange(matched, oldPattern) : nil
        var result: [PlacedBlock] = []
        var current: PlacedBlock?
        var index = match.position
        for line in match.lines {
            switch line.kind {
            case .context:
                if let block = current { result.append(block) }
                current = nil
                index += 1
            case .deletion:
                let start = current?.oldRange.lowerBound ?? index
                if current == nil { current = PlacedBlock(oldRange: index..<index, newLines: []) }
                current?.oldRange = start..<(index + 1)
                index += 1
            case .addition:
                if current == nil { current = PlacedBlock(oldRange: index..<index, newLines: []) }
                var content = line.text
                let hadCR = content.last == 0x0D
                if hadCR { content.removeLast() }
                if let indentation { content = indentation.apply(to: content) }
                let ending: LineBreak = !line.hasNewline ? .none : faithful ? (hadCR ? .crlf : .lf) : fallback
                current?.newLines.append(ByteLine(content, ending: ending))
            }
        }
        if let block = current { result.append(block) }
        return result
    }

    private func finalNewline(for match: Match) -> Bool? {
        let old = match.lines.filter { $0.kind != .addition }
        guard let lastOld = old.last, match.position + old.count == self.document.lines.count else { return nil }
        // Only an edit that knows the file's last line can say what happens to its newline.
        guard lastOld.hasNewline == self.document.endsWithNewline else { return nil }
        guard let lastNew = match.lines.last(where: { $0.kind != .deletion }) else { return true }
        return lastNew.hasNewline
    }

    /// A consistent indentation difference between the file and the edit's old lines.
    private struct IndentationChange {
        var add: [UInt8]
        var remove: Int

        func apply(to line: [UInt8]) -> [UInt8] {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return line }
            if !self.add.isEmpty { return self.add + line }
            let leading = line.prefix { $0 == 0x20 || $0 == 0x09 }.count
            return Array(line.dropFirst(min(self.remove, leading)))
        }
    }

    private static func indentationChange(_ matched: [ByteLine], _ pattern: [PatchLine]) -> IndentationChange? {
        var change: IndentationChange?
        for (line, patternLine) in zip(matched, pattern) {
            let text = patternLine.text.last == 0x0D ? Array(patternLine.text.dropLast()) : patternLine.text
            guard line.content.contains(where: { $0 != 0x20 && $0 != 0x09 }),
                text.contains(where: { $0 != 0x20 && $0 != 0x09 })
            else { continue }
            let fileIndent = Array(line.content.prefix { $0 == 0x20 || $0 == 0x09 })
            let editIndent = Array(text.prefix { $0 == 0x20 || $0 == 0x09 })
            let candidate: IndentationChange
            if fileIndent.count >= editIndent.count && fileIndent.suffix(editIndent.count).elementsEqual(editIndent) {
                candidate = IndentationChange(
                    add: Array(fileIndent.prefix(fileIndent.count - editIndent.count)), remove: 0)
            } else if editIndent.count > fileIndent.count
                && editIndent.suffix(fileIndent.count).elementsEqual(fileIndent)
            {
                candidate = IndentationChange(add: [], remove: editIndent.count - fileIndent.count)
            } else {
                return nil
            }
            if let change, change.add != candidate.add || change.remove != candidate.remove { return nil }
            change = candidate
        }
        guard let change, !change.add.isEmpty || change.remove > 0 else { return nil }
        return change
    }
}
