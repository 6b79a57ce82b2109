/// Decodes token ids one at a time into text, emitting only complete UTF-8 characters: bytes of a
/// character split across tokens are held back until the character is complete.
///
/// The concatenation of everything `append` and `finish` return equals
/// `tokenizer.decode(allIDs)`: held-back bytes that can still become a valid character wait; every
/// ill-formed sequence becomes one U+FFFD (the maximal-subpart rule, as in
/// `String(decoding:as:)` and Rust's `from_utf8_lossy`). "Character" here means Unicode scalar:
/// a grapheme cluster (say, an emoji with a skin-tone modifier) may arrive in two pieces.
package struct StreamingDecoder: Sendable {
    private let tokenizer: Tokenizer
    private let skipSpecialTokens: Bool
    private var pending: [UInt8] = []

    /// A decoder for `tokenizer`'s ids.
    package init(tokenizer: Tokenizer, skipSpecialTokens: Bool = false) {
        self.tokenizer = tokenizer
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// True when bytes of an incomplete character are waiting for the next token.
    package var hasPendingBytes: Bool { !self.pending.isEmpty }

    /// Adds one token and returns the text that became complete (often empty or one piece).
    package mutating func append(_ id: Int) -> String {
        self.tokenizer.appendBytes(of: CollectionOfOne(id), skipSpecialTokens: self.skipSpecialTokens, to: &self.pending)
        return self.takeComplete()
    }

    /// Adds several tokens and returns the text that became complete.
    package mutating func append(contentsOf ids: some Sequence<Int>) -> String {
        self.tokenizer.appendBytes(of: ids, skipSpecialTokens: self.skipSpecialTokens, to: &self.pending)
        return self.takeComplete()
    }

    /// Returns whatever is still held back (an incomplete character becomes U+FFFD) and resets.
    package mutating func finish() -> String {
        defer { self.pending.removeAll() }
        return String(decoding: self.pending, as: UTF8.self)
    }

    private mutating func takeComplete() -> String {
        let keep = Self.incompleteTailLength(self.pending)
        if keep == self.pending.count { return "" }
        if keep == 0 {
            defer { self.pending.removeAll(keepingCapacity: true) }
            return String(decoding: self.pending, as: UTF8.self)
        }
        let text = String(decoding: self.pending[..<(self.pending.count - keep)], as: UTF8.self)
        self.pending.removeFirst(self.pending.count - keep)
        return text
    }

    /// The length of a trailing sequence that is a valid but unfinished UTF-8 character (0…3).
    static func incompleteTailLength(_ bytes: [UInt8]) -> Int {
        let count = bytes.count
        for length in 1...min(3, max(count, 1)) where count >= length {
            let lead = bytes[count - length]
            if lead & 0xC0 == 0x80 { continue }  // a continuation byte: look further back
            let needed: Int
            switch lead {
            case 0xC2...0xDF: needed = 2
            case 0xE0...0xEF: needed = 3
            case 0xF0...0xF4: needed = 4
            default: return 0
            }
            guard needed > length else { return 0 }
            if length >= 2 {
                let second = bytes[count - length + 1]
                let valid: Bool
                switch lead {
                case 0xE0: valid = (0xA0...0xBF).contains(second)
                case 0xED: valid = (0x80...0x9F).contains(second)
                case 0xF0: valid = (0x90...0xBF).contains(second)
                case 0xF4: valid = (0x80...0x8F).contains(second)
                default: valid = true
                }
                if !valid { return 0 }
            }
            return length
        }
        return 0
    }
}
