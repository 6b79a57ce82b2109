/// A cursor over one line's UTF-8 bytes that collects tokens.
struct LineScanner {
    let bytes: [UInt8]
    var position = 0
    var tokens: [HighlightToken] = []

    init(_ line: String) { self.bytes = Array(line.utf8) }

    var atEnd: Bool { self.position >= self.bytes.count }

    /// The byte `offset` ahead, or 0 past the end.
    @inline(__always)
    func peek(_ offset: Int = 0) -> UInt8 {
        let index = self.position + offset
        return index < self.bytes.count ? self.bytes[index] : 0
    }

    /// True when `literal` starts at the cursor (+ `offset`).
    func matches(_ literal: StaticString, offset: Int = 0) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard self.position + offset + count <= self.bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for index in 0..<count where self.bytes[self.position + offset + index] != buffer[index] { return false }
            return true
        }
    }

    /// Adds a token from `start` to the cursor (nothing when empty); merges with a touching
    /// token of the same kind.
    mutating func emit(_ kind: TokenKind, from start: Int) {
        guard self.position > start else { return }
        if let last = self.tokens.last, last.kind == kind, last.range.upperBound == start {
            self.tokens[self.tokens.count - 1].range = last.range.lowerBound..<self.position
        } else {
            self.tokens.append(HighlightToken(kind, start..<self.position))
        }
    }

    /// Advances `count` bytes and emits them as one token.
    mutating func take(_ count: Int, as kind: TokenKind) {
        let start = self.position
        self.position = min(self.bytes.count, self.position + count)
        self.emit(kind, from: start)
    }

    mutating func skipWhitespace() {
        while !self.atEnd && (self.peek() == 0x20 || self.peek() == 0x09 || self.peek() == 0x0D) { self.position += 1 }
    }

    /// The text of `range` (identifiers are ASCII or UTF-8).
    func text(_ range: Range<Int>) -> String {
        String(decoding: self.bytes[range], as: UTF8.self)
    }

    /// The next non-blank byte at or after `index`, or 0.
    func nextNonBlank(from index: Int) -> UInt8 {
        var index = index
        while index < self.bytes.count && (self.bytes[index] == 0x20 || self.bytes[index] == 0x09) { index += 1 }
        return index < self.bytes.count ? self.bytes[index] : 0
    }

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte == 0x24 || byte >= 0x80
    }

    @inline(__always)
    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        self.isIdentifierStart(byte) || self.isDigit(byte)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Scans a number literal at the cursor (decimal, hex, octal, binary, `_` separators,
    /// fraction, exponent and a letter suffix such as `n`, `j`, `f`).
    mutating func scanNumber() {
        let start = self.position
        if self.peek() == 0x30, [0x78, 0x58, 0x62, 0x42, 0x6F, 0x4F].contains(self.peek(1)) {
            self.position += 2
            while Self.isIdentifierPart(self.peek()) { self.position += 1 }
            self.emit(.number, from: start)
            return
        }
        while Self.isDigit(self.peek()) || self.peek() == 0x5F { self.position += 1 }
        if self.peek() == 0x2E && Self.isDigit(self.peek(1)) {
            self.position += 1
            while Self.isDigit(self.peek()) || self.peek() == 0x5F { self.position += 1 }
        }
        if self.peek() == 0x65 || self.peek() == 0x45 {
            let sign = self.peek(1) == 0x2B || self.peek(1) == 0x2D ? 1 : 0
            if Self.isDigit(self.peek(1 + sign)) {
                self.position += 1 + sign
                while Self.isDigit(self.peek()) || self.peek() == 0x5F { self.position += 1 }
            }
        }
        while Self.isIdentifierStart(self.peek()) && self.peek() < 0x80 { self.position += 1 }
        self.emit(.number, from: start)
    }
}
