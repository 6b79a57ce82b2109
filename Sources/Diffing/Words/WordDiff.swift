/// Word-level refinement of a changed block: which bytes inside its old and new lines changed.
///
/// Lines are split into tokens (runs of letters, digits, `_` and non-ASCII bytes; runs of
/// whitespace; single punctuation characters), the token sequences of the whole block are diffed
/// with Myers, and changed tokens become byte ranges per line. Ranges separated only by
/// whitespace are joined. When too little is shared for highlights to help (under a fifth of the
/// non-blank bytes), every line is reported as changed whole.
package enum WordDiff {
    /// Changed byte ranges (relative to each line's first byte) in every old and new line.
    ///
    /// - Complexity: O((T + U) · D) for T and U tokens and D changed tokens.
    package static func refine<Line: Collection>(old: [Line], new: [Line]) -> (old: [[Range<Int>]], new: [[Range<Int>]])
    where Line.Element == UInt8 {
        let oldLines = old.map { Array($0) }
        let newLines = new.map { Array($0) }
        let wholeOld = oldLines.map { $0.isEmpty ? [] : [0..<$0.count] }
        let wholeNew = newLines.map { $0.isEmpty ? [] : [0..<$0.count] }
        if oldLines.isEmpty || newLines.isEmpty { return (wholeOld, wholeNew) }
        let oldTokens = self.tokens(oldLines)
        let newTokens = self.tokens(newLines)
        var interner = LineInterner()
        let oldIDs = oldTokens.map { interner.intern(oldLines[$0.line][$0.range]) }
        let newIDs = newTokens.map { interner.intern(newLines[$0.line][$0.range]) }
        let marks = DiffAlgorithm.myers.changeMarks(old: oldIDs, new: newIDs)
        var sharedBytes = 0
        var totalBytes = 0
        for (index, token) in oldTokens.enumerated() where !token.isSpace {
            totalBytes += token.range.count
            if !marks.old[index] { sharedBytes += token.range.count }
        }
        for (index, token) in newTokens.enumerated() where !token.isSpace {
            totalBytes += token.range.count
            if !marks.new[index] { sharedBytes += token.range.count }
        }
        if totalBytes > 0 && sharedBytes * 5 < totalBytes { return (wholeOld, wholeNew) }
        return (
            self.ranges(oldTokens, changed: marks.old, lineCount: oldLines.count),
            self.ranges(newTokens, changed: marks.new, lineCount: newLines.count)
        )
    }

    private struct Token {
        var line: Int
        var range: Range<Int>
        var isSpace: Bool
    }

    private enum Class { case word, space, punctuation }

    private static func classify(_ byte: UInt8) -> Class {
        switch byte {
        case 0x20, 0x09, 0x0D: .space
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...0xFF:
            .word
        default: .punctuation
        }
    }

    private static func tokens(_ lines: [[UInt8]]) -> [Token] {
        var result: [Token] = []
        for (lineIndex, line) in lines.enumerated() {
            var start = 0
            while start < line.count {
                let kind = self.classify(line[start])
                var end = start + 1
                if kind != .punctuation {
                    while end < line.count && self.classify(line[end]) == kind { end += 1 }
                }
                result.append(Token(line: lineIndex, range: start..<end, isSpace: kind == .space))
                start = end
            }
            // A line break is a token of its own, so joining lines registers as a change.
            result.append(Token(line: lineIndex, range: line.count..<line.count, isSpace: true))
        }
        return result
    }

    private static func ranges(_ tokens: [Token], changed: [Bool], lineCount: Int) -> [[Range<Int>]] {
        var result = [[Range<Int>]](repeating: [], count: lineCount)
        var pendingSpace: [Int: Range<Int>] = [:]
        for (index, token) in tokens.enumerated() where !token.range.isEmpty {
            if !changed[index] {
                if token.isSpace { pendingSpace[token.line] = token.range } else { pendingSpace[token.line] = nil }
                continue
            }
            var ranges = result[token.line]
            if let last = ranges.last, last.upperBound == token.range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<token.range.upperBound
            } else if let last = ranges.last, let space = pendingSpace[token.line], space.lowerBound == last.upperBound,
                space.upperBound == token.range.lowerBound
            {
                ranges[ranges.count - 1] = last.lowerBound..<token.range.upperBound
            } else {
                ranges.append(token.range)
            }
            pendingSpace[token.line] = nil
            result[token.line] = ranges
        }
        return result
    }
}
