/// The DeepSeek-V3/V4 pre-tokenisation, hand-written: the exact behaviour of this `tokenizer.json`
/// pre-tokenizer sequence in HF `tokenizers` (Oniguruma regexes, `Isolated` splits):
///
/// 1. `Split` on `\p{N}{1,3}`
/// 2. `Split` on `[一-龥぀-ゟ゠-ヿ]+`
/// 3. `Split` on
///    `[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+|`
///    ` ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
/// 4. `ByteLevel` without its own regex (only maps bytes; done by the BPE model here).
///
/// Each split applies to every piece the previous one produced, and with `Isolated` both the
/// matches and the unmatched stretches between them become pieces. Matching is leftmost with
/// ordered alternation and backtracking, which `matchAlternatives` reproduces case by case.
struct DeepSeekPreTokenizer: Sendable {
    /// The pattern strings this pre-tokenizer implements, as they appear in tokenizer.json.
    static let patterns = [
        #"\p{N}{1,3}"#,
        "[\u{4E00}-\u{9FA5}\u{3040}-\u{309F}\u{30A0}-\u{30FF}]+",
        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
    ]

    /// Reusable buffers: per scalar of the current segment, its class and its byte offset (plus
    /// the end offset).
    final class Scratch {
        let classes = GrowableBuffer<ScalarClass>(capacity: 4096)
        let offsets = GrowableBuffer<Int>(capacity: 4096)

        init() {}
    }

    /// Splits the valid UTF-8 `bytes` into pieces, calling `piece` with each byte range in order.
    ///
    /// - Complexity: O(n) in the number of bytes.
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>,
        scratch: Scratch,
        piece: (Range<Int>) -> Void
    ) {
        Self.decode(bytes, into: scratch)
        let classes = UnsafePointer(scratch.classes.storage)
        let offsets = scratch.offsets.storage
        let count = scratch.classes.count
        func emit(_ start: Int, _ end: Int) { piece(offsets[start]..<offsets[end]) }

        var index = 0
        var otherStart = -1
        while index < count {
            let current = classes[index]
            if current.contains(.number) {
                if otherStart >= 0 {
                    Self.splitGeneral(classes, otherStart, index, emit)
                    otherStart = -1
                }
                var end = index
                while end < count && classes[end].contains(.number) { end += 1 }
                while index < end {
                    let chunkEnd = min(index + 3, end)
                    emit(index, chunkEnd)
                    index = chunkEnd
                }
            } else if current.contains(.cjk) {
                if otherStart >= 0 {
                    Self.splitGeneral(classes, otherStart, index, emit)
                    otherStart = -1
                }
                var end = index
                while end < count && classes[end].contains(.cjk) { end += 1 }
                Self.splitGeneral(classes, index, end, emit)
                index = end
            } else {
                if otherStart < 0 { otherStart = index }
                index += 1
            }
        }
        if otherStart >= 0 { Self.splitGeneral(classes, otherStart, count, emit) }
    }

    /// Applies the third regex to scalars `start..<end` (one piece left by the first two splits).
    @inline(__always)
    private static func splitGeneral(
        _ classes: UnsafePointer<ScalarClass>,
        _ start: Int,
        _ end: Int,
        _ emit: (Int, Int) -> Void
    ) {
        var position = start
        var gapStart = -1
        while position < end {
            if let matchEnd = Self.matchAlternatives(classes, position, end) {
                if gapStart >= 0 {
                    emit(gapStart, position)
                    gapStart = -1
                }
                emit(position, matchEnd)
                position = matchEnd
            } else {
                if gapStart < 0 { gapStart = position }
                position += 1
            }
        }
        if gapStart >= 0 { emit(gapStart, end) }
    }

    /// The end of the third regex's match starting exactly at `position`, or nil when none of its
    /// alternatives matches there. Alternatives are tried in order, as Oniguruma does.
    @inline(__always)
    static func matchAlternatives(_ classes: UnsafePointer<ScalarClass>, _ position: Int, _ end: Int) -> Int? {
        let first = classes[position]
        let hasNext = position + 1 < end

        // 1. [ASCII punctuation][A-Za-z]+
        if first.contains(.asciiPunctuation) && hasNext && classes[position + 1].contains(.asciiLetter) {
            var cursor = position + 2
            while cursor < end && classes[cursor].contains(.asciiLetter) { cursor += 1 }
            return cursor
        }

        // 2. [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+ — the optional scalar is tried first (greedy);
        // without it the run must start at `position`.
        let optionalAllowed = first.isDisjoint(with: [.lineBreak, .letter, .punctuationOrSymbol])
        if optionalAllowed && hasNext && !classes[position + 1].isDisjoint(with: .letterOrMark) {
            var cursor = position + 2
            while cursor < end && !classes[cursor].isDisjoint(with: .letterOrMark) { cursor += 1 }
            return cursor
        }
        if !first.isDisjoint(with: .letterOrMark) {
            var cursor = position + 1
            while cursor < end && !classes[cursor].isDisjoint(with: .letterOrMark) { cursor += 1 }
            return cursor
        }

        // 3. ' ?[\p{P}\p{S}]+[\r\n]*' — with the space if one follows, else from `position`.
        var symbolStart = position
        if first.contains(.space) && hasNext && classes[position + 1].contains(.punctuationOrSymbol) {
            symbolStart = position + 1
        }
        if classes[symbolStart].contains(.punctuationOrSymbol) {
            var cursor = symbolStart + 1
            while cursor < end && classes[cursor].contains(.punctuationOrSymbol) { cursor += 1 }
            while cursor < end && classes[cursor].contains(.lineBreak) { cursor += 1 }
            return cursor
        }

        guard first.contains(.whitespace) else { return nil }
        var runEnd = position
        var lastLineBreak = -1
        while runEnd < end && classes[runEnd].contains(.whitespace) {
            if classes[runEnd].contains(.lineBreak) { lastLineBreak = runEnd }
            runEnd += 1
        }
        // 4. \s*[\r\n]+ — \s* backtracks to the last line break of the whitespace run.
        if lastLineBreak >= 0 { return lastLineBreak + 1 }
        // 5. \s+(?!\S) — the whole run at the end of the piece, else all but its last scalar.
        if runEnd == end { return runEnd }
        if runEnd - 1 > position { return runEnd - 1 }
        // 6. \s+
        return runEnd
    }

    /// Decodes valid UTF-8 into per-scalar classes and byte offsets (plus a final end offset).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: Scratch) {
        scratch.classes.removeAll()
        scratch.offsets.removeAll()
        ScalarClass.withClassifier { classify in
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    scratch.classes.append(classify(UInt32(lead)))
                    scratch.offsets.append(index)
                    index += 1
                    continue
                }
                var value: UInt32
                var length: Int
                if lead < 0xE0 {
                    value = UInt32(lead & 0x1F)
                    length = 2
                } else if lead < 0xF0 {
                    value = UInt32(lead & 0x0F)
                    length = 3
                } else {
                    value = UInt32(lead & 0x07)
                    length = 4
                }
                length = min(length, count - index)  // only a truncated buffer could be shorter
                for offset in 1..<length {
                    value = (value << 6) | UInt32(bytes[index + offset] & 0x3F)
                }
                scratch.classes.append(classify(value))
                scratch.offsets.append(index)
                index += length
            }
            scratch.offsets.append(count)
        }
    }
}
